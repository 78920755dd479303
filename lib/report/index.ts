export * from './address-space';
export * from './address-space-svg';
export * from './mermaid';
export * from './platform-report';
export * from './replacement-rules';
export * from './synth-tree';
export * from './synth-diff';
export * from './platform-summaries';
