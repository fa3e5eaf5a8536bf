// Keeps long writing safe, and keeps it from the next person at a shared computer.
//
// On a form marked data-draft-key, the long text fields are copied to this browser's local storage
// and sent to the server every few seconds. If the sign-in ends or the connection drops, the newer
// of the two copies is offered back on return, restored with one click.
//
// Copies on this device are kept under the signed-in person's id (body[data-user-id]). On every
// page signed in, this script drops the copies the server says were just saved
// (body[data-drafts-saved]) and any copy kept for someone else; signing out drops that person's own.
(function () {
  var PREFIX = "whatsstrong-draft:";
  var body = document.body;
  var user = body.dataset.userId;
  if (!user) return;
  var mine = PREFIX + user + ":";

  function storedDraftKeys() {
    var keys = [];
    try {
      for (var i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
    } catch (e) { /* storage off */ }
    return keys.filter(function (k) { return k && k.indexOf(PREFIX) === 0; });
  }

  function forget(storageKey) {
    try { localStorage.removeItem(storageKey); } catch (e) { /* storage off */ }
  }

  // Another person's copies (and copies from before they were kept per person) are never offered:
  // whoever signs in here next must not find them on the device either.
  storedDraftKeys().forEach(function (k) { if (k.indexOf(mine) !== 0) forget(k); });
  JSON.parse(body.dataset.draftsSaved || "[]").forEach(function (formKey) { forget(mine + formKey); });
  var signOut = document.querySelector("form[data-sign-out]");
  if (signOut) {
    signOut.addEventListener("submit", function () {
      storedDraftKeys().forEach(function (k) { if (k.indexOf(mine) === 0) forget(k); });
    });
  }

  function keepDrafts(form, key) {
    var status = document.getElementById("draft-status");
    var versionInput = form.querySelector("input[name=version]");
    var version = versionInput && /^\d+$/.test(versionInput.value) ? parseInt(versionInput.value, 10) : null;
    var fields = Array.prototype.slice.call(form.querySelectorAll("textarea"));
    if (!fields.length) return;  // no long writing on this form to keep
    var timer = null;

    function values() {
      var out = {};
      fields.forEach(function (f) { out[f.name] = f.value; });
      return out;
    }

    function differs(kept) {
      return fields.some(function (f) { return (kept[f.name] || "").trim() !== f.value.trim(); });
    }

    function read() {
      try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    }

    function store(entry) {
      try { localStorage.setItem(key, JSON.stringify(entry)); } catch (e) { /* storage full or off */ }
    }

    function keep() {
      clearTimeout(timer);
      var entry = { version: version, fields: values(), at: new Date().toISOString(), serverAt: null };
      store(entry);
      var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
      fetch(form.dataset.draftUrl, {
        method: "POST", credentials: "same-origin", redirect: "manual",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ key: form.dataset.draftKey, fields: entry.fields, version: version })
      }).then(function (r) {
        if (!r.ok) {
          status.textContent = r.status === 401 ? "Draft kept on this device only. Sign in again before saving."
            : "Draft kept on this device only.";
          return;
        }
        return r.json().then(function (answer) {
          // The server holds this very writing: remember when, so the two copies are known to match.
          var latest = read();
          if (latest && latest.at === entry.at) { latest.serverAt = answer.saved_at; store(latest); }
          status.textContent = "Draft kept at " + new Date().toLocaleTimeString().slice(0, 5) + ".";
        });
      }).catch(function () {
        status.textContent = "No connection: your draft is kept on this device.";
      });
    }

    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(keep, 2000);
    });
    form.addEventListener("submit", function () {
      // Kept until the next page says the save worked: a sign-in that ended loses the post.
      clearTimeout(timer);
      store({ version: version, fields: values(), at: new Date().toISOString(), serverAt: null });
    });

    var banner = document.getElementById("draft-banner");  // the server's copy, when it has one
    if (banner) {
      // Putting the server's copy back, or discarding it, lets go of this device's older one too.
      var serverLink = banner.querySelector("a[href='?restore=1']");
      if (serverLink) serverLink.addEventListener("click", function () { forget(key); });
      var discard = banner.querySelector("form");
      if (discard) discard.addEventListener("submit", function () { forget(key); });
    }

    var kept = read();
    if (!kept || !kept.at || !differs(kept.fields)) return;
    if (banner && !newerThanServer(kept, banner.dataset.savedAt)) return;
    offer(banner || newBanner(), kept);

    function newerThanServer(kept, serverAt) {
      if (kept.serverAt && kept.serverAt === serverAt) return false;  // the same writing
      return Date.parse(kept.at) > Date.parse(serverAt);
    }

    function newBanner() {
      var box = document.createElement("div");
      box.className = "govuk-notification-banner";
      box.id = "draft-banner";
      box.setAttribute("role", "region");
      box.setAttribute("aria-labelledby", "draft-title");
      box.innerHTML = '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title"'
        + ' id="draft-title">Unsaved writing</h2></div><div class="govuk-notification-banner__content">'
        + '<p class="govuk-notification-banner__heading"></p><div class="govuk-button-group"></div></div>';
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "govuk-button govuk-button--secondary";
      discard.textContent = "Discard it";
      discard.addEventListener("click", function () { forget(key); box.remove(); });
      box.querySelector(".govuk-button-group").appendChild(discard);
      var heading = document.querySelector("main h1");
      var before = document.querySelector("main .govuk-caption-l") || heading;
      before.parentNode.insertBefore(box, before);
      return box;
    }

    // The banner offers this device's copy: its time, and a button that puts it back in place.
    function offer(box, kept) {
      box.querySelector(".govuk-notification-banner__heading").textContent =
        "This device kept writing from " + shownTime(new Date(kept.at)) + " that was not saved.";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "govuk-button";
      button.textContent = "Put my unsaved writing back";
      button.addEventListener("click", function () {
        fields.forEach(function (f) {
          if (kept.fields[f.name] === undefined) return;
          f.value = kept.fields[f.name];
          f.dispatchEvent(new Event("input", { bubbles: true }));  // the coach checks it again
        });
        box.remove();
        if (fields[0]) fields[0].focus();
        keep();  // the server gets the newest writing now, not in a few seconds
      });
      var serverLink = box.querySelector("a[href='?restore=1']");
      if (serverLink) serverLink.parentNode.replaceWith(button);  // the server's copy is the older one
      else box.querySelector(".govuk-button-group").prepend(button);
    }
  }

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // "4 Mar 2026, 2:05 p.m.", as the server shows times (Django's "j M Y, P").
  function shownTime(d) {
    var h = d.getHours(), m = d.getMinutes();
    var clock = m === 0 && h === 0 ? "midnight" : m === 0 && h === 12 ? "noon"
      : ((h % 12) || 12) + (m ? ":" + (m < 10 ? "0" : "") + m : "") + (h < 12 ? " a.m." : " p.m.");
    return d.getDate() + " " + MONTHS[d.getMonth()] + " " + d.getFullYear() + ", " + clock;
  }

  var form = document.querySelector("form[data-draft-key]");
  if (form) keepDrafts(form, mine + form.dataset.draftKey);
})();
