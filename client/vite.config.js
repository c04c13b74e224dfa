// Vite builds the browser application into client/dist, which the server serves.
// `npm run dev` serves it with hot reload and passes API and live-editing calls
// to a server running on port 8000 (make run).
import { defineConfig } from "vite";

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/collab": { target: "ws://127.0.0.1:8000", ws: true },
    },
  },
});
