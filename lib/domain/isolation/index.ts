export * from './admission-case';
export * from './admission-corpus';
export * from './corpus-objects';
export * from './policy-names';
