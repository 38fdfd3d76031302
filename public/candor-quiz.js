// Progressive enhancement for the quiz runtime. Everything works without it.
(function () {
  "use strict";
  var store = null;
  try { store = window.localStorage; } catch (e) { /* storage blocked: resume by link only */ }
  var key = "candor:quiz:" + location.pathname;
  var token = new URLSearchParams(location.search).get("r");
  // Remember this device's run, so the start page can offer to continue (embeds have no cookies).
  if (store && token) { try { store.setItem(key, token); } catch (e) { /* quota */ } }
  if (store && document.querySelector("[data-quiz-done]")) store.removeItem(key);
  var start = document.querySelector("form[data-quiz-start]");
  var saved = store && store.getItem(key);
  if (start && saved && !document.querySelector("[data-quiz-resume]")) {
    var p = document.createElement("p");
    p.className = "notice";
    var a = document.createElement("a");
    a.href = location.pathname + "?r=" + encodeURIComponent(saved);
    a.textContent = start.getAttribute("data-resume-label") || "Continue";
    p.appendChild(a);
    start.parentNode.insertBefore(p, start);
  }
  // Number keys pick the matching option; Enter then submits as usual.
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || !/^[1-9]$/.test(e.key)) return;
    var t = e.target;
    if (t && (t.tagName === "TEXTAREA" || (t.tagName === "INPUT" && /^(text|email|search|number)$/.test(t.type)))) return;
    var input = document.querySelector("[data-quiz-form] input[data-key='" + e.key + "']");
    if (!input || input.disabled) return;
    e.preventDefault();
    if (input.type === "checkbox") input.checked = !input.checked; else input.checked = true;
    input.focus();
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
  // A "choose up to N" question stops offering more boxes once N are ticked.
  document.querySelectorAll("fieldset[data-max]").forEach(function (set) {
    var max = Number(set.getAttribute("data-max"));
    var boxes = set.querySelectorAll("input[type=checkbox]");
    function sync() {
      var n = 0;
      boxes.forEach(function (b) { if (b.checked) n++; });
      boxes.forEach(function (b) { b.disabled = !b.checked && n >= max; });
    }
    set.addEventListener("change", sync);
    sync();
  });
})();
