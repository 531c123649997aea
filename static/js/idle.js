// Warns two minutes before a session ends for want of use (sscp/idle.py), and offers to stay
// signed in: a light request (the session check, /accounts/session/) counts as use. Without JavaScript the sign-in page
// explains afterwards why the person was signed out.
(function () {
  "use strict";
  var script = document.currentScript;
  var idleSeconds = parseInt(script && script.dataset.idleSeconds, 10);
  if (!idleSeconds || idleSeconds <= 120) { return; }
  var timer = null;

  function warn() {
    var box = document.getElementById("idle-warning");
    if (box) { box.hidden = false; box.querySelector("button").focus(); }
  }

  function start() {
    window.clearTimeout(timer);
    timer = window.setTimeout(warn, (idleSeconds - 120) * 1000);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("idle-warning");
    if (!box) { return; }
    box.querySelector("button").addEventListener("click", function () {
      fetch(script.dataset.sessionUrl, { credentials: "same-origin" }).then(function () {
        box.hidden = true;
        start();
      });
    });
    start();
  });
})();
