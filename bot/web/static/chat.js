// Plain chat page: text only (never HTML), quick replies as buttons.
(function () {
  "use strict";
  var log = document.getElementById("log"), form = document.getElementById("form"),
      input = document.getElementById("msg"), session = sessionStorage.getItem("signpost-session");

  function add(text, who, cls) {
    var div = document.createElement("div");
    div.className = "msg " + who + (cls ? " " + cls : "");
    div.textContent = text;
    log.appendChild(div);
    return div;
  }
  function buttons(list) {
    var wrap = document.createElement("div");
    list.forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button"; btn.textContent = b.title;
      btn.addEventListener("click", function () { send(b.payload, b.title); });
      wrap.appendChild(btn);
    });
    log.appendChild(wrap);
  }
  function ensureSession() {
    if (session) return Promise.resolve(session);
    return fetch("/api/session", {method: "POST"}).then(function (r) { return r.json(); })
      .then(function (j) { session = j.session; sessionStorage.setItem("signpost-session", session); return session; });
  }
  function send(text, shown) {
    add(shown || text, "user");
    return ensureSession().then(function (s) {
      return fetch("/api/chat", {method: "POST", headers: {"Content-Type": "application/json"},
                                 body: JSON.stringify({session: s, message: text})});
    }).then(function (r) { return r.json(); }).then(function (j) {
      var emergency = false;
      (j.messages || []).forEach(function (m) {
        if (m.custom && m.custom.route && m.custom.route.agency === "police_999") emergency = true;
      });
      (j.messages || []).forEach(function (m) {
        if (m.text) add(m.text, "bot", emergency ? "emergency" : "");
        emergency = false;
        if (m.buttons && m.buttons.length) buttons(m.buttons);
      });
    }).catch(function () {
      add("Sorry, Signpost isn't available right now. In danger? Call 999. Otherwise call 101.", "bot", "emergency");
    });
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (text) { input.value = ""; send(text); }
  });
})();
