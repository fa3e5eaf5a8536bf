// Keeps long writing safe. While someone types in a form marked data-draft-key, its long text
// fields are copied to this browser (local storage) and sent to the server every few seconds.
// If the session times out or the connection drops, the writing is offered back on return.
(function () {
  var form = document.querySelector("form[data-draft-key]");
  if (!form) return;
  var key = "whatsstrong-draft:" + form.dataset.draftKey;
  var status = document.getElementById("draft-status");
  var versionInput = form.querySelector("input[name=version]");
  var version = versionInput ? parseInt(versionInput.value, 10) : null;
  var fields = Array.prototype.slice.call(form.querySelectorAll("textarea"));
  var timer = null;

  function values() {
    var out = {};
    fields.forEach(function (f) { out[f.name] = f.value; });
    return out;
  }

  function differs(saved) {
    return fields.some(function (f) { return (saved[f.name] || "").trim() !== f.value.trim(); });
  }

  function read() {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  function keep() {
    var entry = { version: version, fields: values(), at: new Date().toISOString(), submitted: false };
    try { localStorage.setItem(key, JSON.stringify(entry)); } catch (e) { /* storage full or off */ }
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    fetch(form.dataset.draftUrl, {
      method: "POST", credentials: "same-origin", redirect: "manual",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({ key: form.dataset.draftKey, fields: entry.fields, version: version })
    }).then(function (r) {
      status.textContent = r.ok && !r.redirected ? "Draft kept at " + new Date().toLocaleTimeString().slice(0, 5) + "."
        : "Draft kept on this device only. Sign in again before saving.";
    }).catch(function () {
      status.textContent = "No connection: your draft is kept on this device.";
    });
  }

  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(keep, 2000);
  });
  form.addEventListener("submit", function () {
    var entry = read();
    if (entry) { entry.submitted = true; entry.fields = values(); localStorage.setItem(key, JSON.stringify(entry)); }
  });

  var saved = read();
  if (!saved) return;
  if (saved.submitted && version !== null && version > saved.version) { localStorage.removeItem(key); return; }
  if (document.getElementById("draft-title") || !differs(saved.fields)) return;
  var box = document.createElement("div");
  box.className = "govuk-inset-text";
  box.innerHTML = '<p class="govuk-body">This device kept writing you had not saved.</p>';
  var button = document.createElement("button");
  button.type = "button";
  button.className = "govuk-button govuk-button--secondary";
  button.textContent = "Put my unsaved writing back";
  button.addEventListener("click", function () {
    fields.forEach(function (f) { if (saved.fields[f.name] !== undefined) f.value = saved.fields[f.name]; });
    box.remove();
    fields[0] && fields[0].focus();
  });
  box.appendChild(button);
  form.parentNode.insertBefore(box, form);
})();
