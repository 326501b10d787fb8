// Probe marks for a background's cold start, for `./build.sh bench` only (never
// shipped). The bench puts this module before a copy's own background script
// (`import "./probe.js"; import "./background-main.js";`), so it runs first:
// it marks when the scripts run, splits the Wasm's instantiation into its
// compile and its instantiation, marks the first answer, and hands the marks
// over when asked ("probeMarks") without the background seeing that message.
// Times are ms from the start of the worker (Chromium) or the event page (Firefox).
"use strict";

const marks = {};
const mark = (name) => (marks[name] ??= performance.now());
mark("scripts");

// wasm-bindgen's loader calls instantiateStreaming with the fetched response:
// done here as its two halves, so each can be marked.
const wasm = WebAssembly;
let modules = 0;
wasm.instantiateStreaming = async (response, imports) => {
  const n = modules++;
  mark(`wasm-fetched-${n}`);
  const module = await wasm.compileStreaming(response);
  mark(`wasm-compiled-${n}`);
  const instance = await wasm.instantiate(module, imports);
  mark(`wasm-instantiated-${n}`);
  return { module, instance };
};

const listen = chrome.runtime.onMessage.addListener.bind(chrome.runtime.onMessage);
chrome.runtime.onMessage.addListener = (listener) =>
  listen((message, sender, sendResponse) => {
    if (message === "probeMarks") {
      sendResponse(marks);
      return false;
    }
    mark("message");
    return listener(message, sender, (reply) => {
      mark("answered");
      sendResponse(reply);
    });
  });
