export * from './cluster-manifests';
