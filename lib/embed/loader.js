// Candor embed loader: turns <a data-candor …> links into lazily loaded, self-sizing iframes.
// Served minified by GET /embed.js (see scripts/build-embed.mjs); no dependencies, no cookies.
/* global window, document, location, URLSearchParams, IntersectionObserver, setTimeout */
(function (w, d) {
  var me = d.currentScript;
  var app = new URL(me ? me.src : "/", location.href).origin;
  // window.origin, unlike location.origin, is right in srcdoc documents (the dashboard preview).
  var here = w.origin;
  var C = w.Candor = w.Candor || {};
  var queued = C.q || [];
  var handlers = {};
  var frames = [];
  C.on = function (type, fn) { (handlers[type] = handlers[type] || []).push(fn); };
  for (var i = 0; i < queued.length; i++) C.on.apply(C, queued[i]);

  function attr(a, name) { return a.getAttribute("data-" + name); }

  // The hosted URL becomes the embed URL (/q/… → /e/q/…) with identity, page and UTM as parameters.
  function src(a) {
    var u = new URL(a.href), q = u.searchParams, page = new URLSearchParams(location.search);
    u = new URL("/e" + u.pathname, app);
    q.forEach(function (v, k) { u.searchParams.set(k, v); });
    page.forEach(function (v, k) { if (!k.indexOf("utm_")) u.searchParams.set(k, v); });
    for (var j = 0, at = a.attributes; j < at.length; j++) {
      if (!at[j].name.indexOf("data-hidden-")) u.searchParams.set(at[j].name.slice(12), at[j].value);
    }
    if (attr(a, "external-id")) { u.searchParams.set("uid", attr(a, "external-id")); u.searchParams.set("uh", attr(a, "user-hash") || ""); }
    u.searchParams.set("ref", here + location.pathname);
    u.searchParams.set("origin", here);
    return u.href;
  }

  function frame(a, box) {
    var f = d.createElement("iframe");
    f.src = src(a);
    // The frame keeps its parent's origin across its own navigations without storage or cookies.
    f.name = "candor:" + here;
    f.title = a.textContent.trim() || "Candor";
    f.style.cssText = "display:block;width:100%;border:0;height:" + (attr(a, "height") || 480) + "px";
    frames.push({ f: f, box: box });
    box.appendChild(f);
    return f;
  }

  function inline(a) {
    var box = d.createElement("div");
    box.className = "candor-embed";
    a.parentNode.replaceChild(box, a);
    box.appendChild(a);
    var go = function () { if (a.parentNode === box) { box.removeChild(a); frame(a, box); } };
    var io = new IntersectionObserver(function (es) {
      if (es[0].isIntersecting) { io.disconnect(); go(); }
    }, { rootMargin: "200px" });
    io.observe(box);
  }

  // Popup: a modal <dialog> (focus trap and Escape for free); slide-in: a non-modal panel in a corner.
  function overlay(a, slide) {
    var dl, back;
    function close() {
      if (!dl || !dl.open) return;
      dl.close();
      if (back) back.focus();
    }
    function open() {
      if (dl && dl.open) return;
      back = d.activeElement;
      if (!dl) {
        dl = d.createElement("dialog");
        dl.className = "candor-" + (slide ? "slide" : "popup");
        dl.setAttribute("aria-label", a.textContent.trim());
        dl.style.cssText = "padding:0;border:0;width:min(28rem,94vw);box-shadow:0 8px 40px #0004" +
          (slide ? ";position:fixed;inset:auto 1em 1em auto;margin:0;z-index:999999" : "");
        var x = d.createElement("button");
        x.type = "button";
        x.textContent = "×";
        x.setAttribute("aria-label", attr(a, "close-label") || "Close");
        x.style.cssText = "position:absolute;right:0;border:0;background:0;font-size:24px";
        x.onclick = close;
        dl.appendChild(x);
        dl.onkeydown = function (e) { if (e.key === "Escape") { e.preventDefault(); close(); } };
        d.body.appendChild(dl);
        frame(a, dl).candorClose = close;
      }
      if (slide) dl.show();
      else dl.showModal();
      dl.querySelector("button").focus();
    }
    var t = attr(a, "trigger") || "click";
    a.addEventListener("click", function (e) { e.preventDefault(); open(); });
    if (t === "delay") setTimeout(open, 1000 * (+attr(a, "delay") || 5));
    if (t === "exit") d.addEventListener("mouseout", function x(e) {
      if (!e.relatedTarget && e.clientY <= 0) { d.removeEventListener("mouseout", x); open(); }
    });
  }

  // Only messages from Candor's own frames, from Candor's origin, are read; others are refused.
  w.addEventListener("message", function (e) {
    var m = e.data, hit;
    if (!m || m.candor !== "candor") return;
    for (var j = 0; j < frames.length; j++) if (frames[j].f.contentWindow === e.source) hit = frames[j];
    if (e.origin !== app || !hit) return console.warn("Candor: refused message from", e.origin);
    if (m.type === "resize") hit.f.style.height = Math.ceil(m.data.height) + "px";
    if (m.type === "close" && hit.f.candorClose) hit.f.candorClose();
    (handlers[m.type] || []).forEach(function (fn) {
      try { fn(m.data, m.type); } catch (err) { console.error(err); }
    });
  });

  d.querySelectorAll("a[data-candor]").forEach(function (a) {
    var mode = attr(a, "mode");
    if (mode === "popup" || mode === "slide-in") overlay(a, mode !== "popup");
    else inline(a);
  });
})(window, document);
