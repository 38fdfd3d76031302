// Progressive enhancement for Candor's public pages. Everything works without it.
(function () {
  "use strict";
  // A form submits once: a double click or an impatient second tap does not post twice.
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.dataset.submitting === "1") { e.preventDefault(); return; }
    form.dataset.submitting = "1";
    setTimeout(function () {
      form.querySelectorAll("button[type=submit],button:not([type])").forEach(function (b) { b.setAttribute("disabled", ""); b.setAttribute("aria-busy", "true"); });
    }, 0);
  }, true);
  // After a save, move focus to its outcome (status or errors) so keyboard and screen-reader users hear it.
  var outcome = document.querySelector("[data-autofocus]");
  if (outcome instanceof HTMLElement) outcome.focus();
  // Confirm destructive actions where the page asks for it (data-confirm="…").
  document.addEventListener("click", function (e) {
    var el = e.target instanceof Element ? e.target.closest("[data-confirm]") : null;
    if (el && !window.confirm(el.getAttribute("data-confirm") || "")) e.preventDefault();
  });
})();
