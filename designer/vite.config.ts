import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The SafeFlow web app (Studio + Workspace). `vite build` writes `dist/`,
 * which the runtime serves at `/` (runtime/src/web). In dev, `vite` proxies
 * `/api` and `/engine-rest` to a runtime on :3000.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_OPTIONS_API__: 'true',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/engine-rest': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/bpmn-js') || id.includes('node_modules/diagram-js') || id.includes('node_modules/bpmn-moddle')) return 'bpmn';
          return undefined;
        },
      },
    },
  },
});
