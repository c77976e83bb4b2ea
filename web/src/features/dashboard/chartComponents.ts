export { default as CountBars } from "./CountBars";
export { default as StatusDonut } from "./StatusDonut";
