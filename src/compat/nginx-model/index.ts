export * from './ingress-nginx-model';
