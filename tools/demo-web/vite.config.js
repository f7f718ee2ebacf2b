// The demo pages, built into dist/ and served by Pod.Samples under /demo/ (relative asset paths, no CDN, nothing fetched
// from the internet at run time). @pcd/pod reads Node's Buffer, which the "buffer" package provides in the page; fastfile
// (through @pcd/gpcircuits) fetches artifact URLs when process.browser is true and imports Node's "constants" (shimmed).
import { defineConfig } from "vite";
import { resolve } from "node:path";

export default defineConfig({
  base: "./",
  resolve: {
    alias: {
      buffer: "buffer/",
      constants: resolve(import.meta.dirname, "src/shims/constants.js"),
    },
  },
  define: { global: "globalThis", "process.browser": "true" },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    rollupOptions: {
      input: {
        issuer: resolve(import.meta.dirname, "issuer.html"),
        verifier: resolve(import.meta.dirname, "verifier.html"),
        tally: resolve(import.meta.dirname, "tally.html"),
      },
    },
  },
});
