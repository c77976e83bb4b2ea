import "@mantine/core/styles.css";
import "./app/global.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/App";
import { loadRuntimeConfig } from "./config/runtime";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");

createRoot(root).render(
  <StrictMode>
    <App config={await loadRuntimeConfig()} />
  </StrictMode>,
);
