// Every text box with a limit says how much room is left (the GOV.UK character count). The
// limit moves from the browser's maxlength, which cuts a paste short without a word, to this
// count, which says how many characters are too many; the server refuses them either way.
(function () {
  "use strict";
  const boxes = document.querySelectorAll("textarea[maxlength]");
  boxes.forEach(function (box, index) {
    const limit = parseInt(box.getAttribute("maxlength"), 10);
    if (!limit) return;
    box.removeAttribute("maxlength");
    const id = (box.id || "text-" + index) + "-count";
    const shown = document.createElement("div");
    shown.className = "form-text character-count";
    shown.id = id;
    shown.setAttribute("aria-hidden", "true");
    const spoken = document.createElement("div");
    spoken.className = "visually-hidden";
    spoken.setAttribute("aria-live", "polite");
    box.insertAdjacentElement("afterend", shown);
    shown.insertAdjacentElement("afterend", spoken);
    const hint = document.createElement("span");
    hint.id = id + "-hint";
    hint.className = "visually-hidden";
    hint.textContent = "You can enter up to " + limit.toLocaleString("en-GB") + " characters.";
    spoken.insertAdjacentElement("afterend", hint);
    const described = box.getAttribute("aria-describedby");
    box.setAttribute("aria-describedby", (described ? described + " " : "") + hint.id);
    let timer = null;

    function message() {
      const left = limit - box.value.length;
      const count = Math.abs(left).toLocaleString("en-GB");
      const word = Math.abs(left) === 1 ? " character" : " characters";
      return left < 0 ? "You have " + count + word + " too many" : "You have " + count + word + " remaining";
    }

    function update(speak) {
      const over = box.value.length > limit;
      shown.textContent = message();
      shown.classList.toggle("text-danger", over);
      shown.classList.toggle("fw-bold", over);
      window.clearTimeout(timer);
      if (speak) timer = window.setTimeout(function () { spoken.textContent = message(); }, 1000);
    }

    box.addEventListener("input", function () { update(true); });
    update(false);
  });
})();
