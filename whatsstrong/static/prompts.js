// Question prompts (prompts/picker.html): an Insert button beside each prompt puts it where the
// cursor is in the field the picker names. Without this script each prompt is text to copy.
(function () {
  function insert(field, text) {
    // Until the person has been in the field, its cursor is at the start: add to the end instead.
    var start = field.selectionStart, end = field.selectionEnd;
    if (!field.dataset.promptsVisited) start = end = field.value.length;
    var before = field.value.slice(0, start), after = field.value.slice(end);
    // Keep words apart from what is already written on either side.
    var lead = before && !/\s$/.test(before) ? " " : "";
    var tail = after && !/^\s/.test(after) ? " " : "";
    var added = lead + text + tail;
    field.value = before + added + after;
    var caret = start + lead.length + text.length;
    field.focus();
    field.setSelectionRange(caret, caret);
    // Let the draft keeper and the language coach see the change.
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.querySelectorAll("[data-prompts-for]").forEach(function (picker) {
    var field = document.getElementById(picker.dataset.promptsFor);
    if (!field) return;
    field.addEventListener("focus", function () { field.dataset.promptsVisited = "1"; });
    if (document.activeElement === field) field.dataset.promptsVisited = "1";
    picker.querySelectorAll("[data-prompts-js-hint]").forEach(function (hint) { hint.hidden = false; });
    picker.querySelectorAll("[data-prompt-text]").forEach(function (prompt) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-left-2";
      button.textContent = "Insert";
      button.setAttribute("aria-describedby", prompt.id);
      button.addEventListener("click", function () { insert(field, prompt.textContent); });
      prompt.parentNode.appendChild(button);
    });
  });
})();
