// Name resolution helpers: the "did you mean" suggestion, shared with the engine's rejection
// messages (runtime/suggest.ts: the runtime imports nothing from the compiler, so it lives there).
export { suggestName } from "../../runtime/suggest.js";
