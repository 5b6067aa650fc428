/** Single-file components as TypeScript sees them (tsc checks the .ts files; Vite compiles the .vue files). */
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, unknown>;
  export default component;
}
