// "Mark as their words": puts curly quotation marks round the selected text of a long text field,
// so the page shows it as the person's own words. Without this script, typing the marks does the same.
(function () {
  var fields = document.querySelectorAll("textarea[data-their-words]");
  Array.prototype.forEach.call(fields, function (field) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "govuk-button govuk-button--secondary govuk-!-margin-top-2 govuk-!-margin-bottom-0 ws-their-words-button";
    button.textContent = "Mark as their words";
    button.setAttribute("aria-describedby", field.id + "-quote-status");
    var status = document.createElement("span");
    status.id = field.id + "-quote-status";
    status.className = "govuk-visually-hidden";
    status.setAttribute("aria-live", "polite");
    // Keep the selection: clicking the button would otherwise move focus before it is read.
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
    button.addEventListener("click", function () {
      var start = field.selectionStart, end = field.selectionEnd;
      if (start === end) {
        status.textContent = "Select the words they said first, then press the button.";
        field.focus();
        return;
      }
      var text = field.value;
      field.value = text.slice(0, start) + "\u201c" + text.slice(start, end) + "\u201d" + text.slice(end);
      field.focus();
      field.setSelectionRange(start, end + 2);
      status.textContent = "Marked as their words.";
      // The coach and the draft-keeping listen for typing: tell them the text changed.
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
    field.insertAdjacentElement("afterend", status);
    field.insertAdjacentElement("afterend", button);
  });
})();
