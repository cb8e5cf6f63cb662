/* The site's only script: colour scheme (follows the system until the reader chooses, then
   remembers the choice) and copy buttons on code blocks. Loaded in <head> so the scheme is
   set before the first paint. */
(function () {
  "use strict";
  var KEY = "episode-theme";
  var root = document.documentElement;
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var chosen = null;
  try { chosen = localStorage.getItem(KEY); } catch (e) { chosen = null; }
  if (chosen !== "light" && chosen !== "dark") { chosen = null; }

  function system() { return media && media.matches ? "dark" : "light"; }
  function apply(scheme) {
    root.setAttribute("data-theme", scheme);
    var toggle = document.querySelector(".theme-toggle");
    if (toggle) { toggle.setAttribute("aria-pressed", scheme === "dark" ? "true" : "false"); }
  }
  apply(chosen || system());
  if (media && media.addEventListener) {
    media.addEventListener("change", function () { if (!chosen) { apply(system()); } });
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function flash(button, label) {
    button.textContent = label;
    window.setTimeout(function () { button.textContent = "Copy"; }, 1600);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".theme-toggle");
    if (toggle) {
      toggle.hidden = false;
      apply(root.getAttribute("data-theme") || system());
      toggle.addEventListener("click", function () {
        chosen = root.getAttribute("data-theme") === "dark" ? "light" : "dark";
        try { localStorage.setItem(KEY, chosen); } catch (e) { /* private mode: not remembered */ }
        apply(chosen);
      });
    }
    var buttons = document.querySelectorAll(".codeblock .copy");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        var code = button.closest(".codeblock").querySelector("pre code");
        copyText(code ? code.textContent : "").then(
          function () { flash(button, "Copied"); },
          function () { flash(button, "Press Ctrl+C"); }
        );
      });
    });
  });
})();
