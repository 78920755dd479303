export * from './connectivity-intent';
export * from './derive-intents';
export * from './evaluate-intent';
export * from './hop';
export * from './read-synthesized';
export * from './topology';
export * from './output-element';
export * from './verify-intents';
