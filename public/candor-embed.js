// The embed side of Candor's postMessage protocol: size, screen events and closing, sent only to
// the host page's origin once it is known to be allowed. Runs inside the iframe the loader made.
(function () {
  "use strict";
  var el = document.getElementById("candor-embed");
  if (!el || window.parent === window) return;
  var cfg = JSON.parse(el.textContent || "{}");
  if (cfg.error) console.error("Candor embed refused: " + cfg.error);
  // The loader names the parent's origin in ?origin= and in the frame's name, which survives navigations.
  var named = new URLSearchParams(location.search).get("origin") || (window.name.indexOf("candor:") === 0 ? window.name.slice(7) : "");
  function allowed(o) {
    if (!o) return false;
    if (o === location.origin) return true; // the dashboard's live preview
    if ((cfg.origins || []).indexOf(o) >= 0) return true;
    return !!cfg.dev && /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/.test(o);
  }
  if (!allowed(named)) { console.error("Candor embed: the host origin " + (named || "(unknown)") + " is not allowed; no messages sent"); return; }
  var parentOrigin = named;
  function post(type, data) { window.parent.postMessage({ candor: "candor", type: type, data: data || {} }, parentOrigin); }
  var last = -1;
  function size() {
    var h = Math.ceil(document.body.getBoundingClientRect().height);
    if (h !== last) { last = h; post("resize", { height: h }); }
  }
  post("ready", { kind: cfg.kind, path: location.pathname });
  size();
  if (window.ResizeObserver) new ResizeObserver(size).observe(document.body);
  else window.addEventListener("resize", size);
  if (cfg.event) post(cfg.event.type, cfg.event.data);
  // Escape inside the frame closes a popup or slide-in too (the host never sees keys typed here).
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") post("close"); });
  window.addEventListener("message", function (e) {
    var m = e.data;
    if (!m || m.candor !== "candor") return;
    if (e.source !== window.parent || e.origin !== parentOrigin) { console.warn("Candor embed: refused a message from " + e.origin); return; }
    if (m.type === "hello") { last = -1; size(); }
  });
})();
