// The language coach's one-click replacement. The server sends offsets in code points (as
// Python counts them); JavaScript strings count UTF-16 units, so convert through Array.from.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".ws-coach__accept");
  if (!button) return;
  var field = document.querySelector('textarea[name="' + button.dataset.field + '"]');
  if (!field) return;
  var chars = Array.from(field.value);
  var start = parseInt(button.dataset.start, 10);
  var end = parseInt(button.dataset.end, 10);
  var original = button.dataset.original;
  if (chars.slice(start, end).join("") !== original) {
    // The text moved since the check: replace the first remaining occurrence instead.
    var at = field.value.indexOf(original);
    if (at < 0) return;
    start = Array.from(field.value.slice(0, at)).length;
    end = start + Array.from(original).length;
  }
  var replacement = button.dataset.suggest;
  chars.splice(start, end - start, replacement);
  field.value = chars.join("");
  var caret = chars.slice(0, start).join("").length + replacement.length;
  field.focus();
  field.setSelectionRange(caret, caret);
  // Let the draft keeper and the coach see the change.
  field.dispatchEvent(new Event("input", { bubbles: true }));
});
