import "@mantine/core/styles.css";
import "./app/global.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/App";
import { createRouter } from "./app/router";
import { loadRuntimeConfig } from "./config/runtime";

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root");

// Made first: the router starts loading the page the address asks for while the
// configuration is fetched.
const router = createRouter();

createRoot(root).render(
  <StrictMode>
    <App config={await loadRuntimeConfig()} router={router} />
  </StrictMode>,
);
