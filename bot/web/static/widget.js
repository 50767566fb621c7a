/* Signpost chat widget: the chat page (data-mode="page") and the council embed (launcher).
 *
 * Served as /embed.js by bot/web/app.py, which puts the vendored socket.io client in `io` in the
 * same closure (null when absent: the widget then uses the REST API only). No globals, no inline
 * script or style: the stylesheet is a <link> to the Signpost origin inside a shadow root, and
 * theming uses CSS custom properties set through the CSSOM, so a strict host CSP is fine.
 *
 * Every message is rendered with textContent. Links come only from route data
 * (custom.route.contact): https/http websites and tel: numbers. The session token the server
 * signed is kept in sessionStorage; the transcript never is.
 */
(function (io) {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) { return; }
  var BASE = new URL(script.src, document.baseURI).origin;
  var KEY = "signpost:session";
  var EXIT_URL = "https://www.bbc.co.uk/weather";
  var COUNCILS = { swindon: "Swindon", wiltshire: "Wiltshire" };
  var UNAVAILABLE = "Sorry, Signpost isn't available right now. If anyone is in danger or a crime " +
    "is happening, call 999. Otherwise call Wiltshire Police on 101.";
  var SLOW = "This is taking longer than usual. If anyone is in danger or a crime is happening, " +
    "call 999 now. Otherwise you can call Wiltshire Police on 101.";

  function attr(name, fallback) {
    var v = script.getAttribute("data-" + name);
    return v === null || v === "" ? fallback : v;
  }

  var mode = attr("mode", "launcher") === "page" ? "page" : "launcher";
  var council = COUNCILS[String(attr("council", "")).toLowerCase()] ? attr("council").toLowerCase() : null;
  var title = attr("title", "Signpost").slice(0, 60);
  var launcherText = attr("launcher-text", "Who should I contact?").slice(0, 40);
  var transport = attr("transport", "auto") === "rest" ? "rest" : "auto";
  var hardMs = clamp(parseInt(attr("timeout", "15000"), 10), 3000, 60000, 15000);
  var softMs = Math.min(5000, Math.floor(hardMs / 2));

  function clamp(n, lo, hi, dflt) { return isNaN(n) ? dflt : Math.max(lo, Math.min(hi, n)); }

  // ---- colours: only #rgb/#rrggbb, and only if white text on it passes WCAG AA (4.5:1) --------
  function hexColour(v) {
    if (!v || !/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v)) { return null; }
    if (v.length === 4) { v = "#" + v[1] + v[1] + v[2] + v[2] + v[3] + v[3]; }
    return v.toLowerCase();
  }
  function luminance(hex) {
    var c = [1, 3, 5].map(function (i) {
      var s = parseInt(hex.substr(i, 2), 16) / 255;
      return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  function themeColour(name) {
    var v = hexColour(attr(name, ""));
    if (!v) { return null; }
    if (1.05 / (luminance(v) + 0.05) < 4.5) {
      if (window.console) { console.warn("Signpost: data-" + name + " " + v + " is too light for white text; using the default."); }
      return null;
    }
    return v;
  }

  // ---- DOM helpers (text only) ---------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function hiddenLabel(text) { return el("span", "sp-vh", text); }
  function safeUrl(u) {
    try {
      var url = new URL(String(u));
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) { return null; }
  }
  function telHref(number) {
    var digits = String(number || "").replace(/[^0-9+]/g, "");
    return digits.length >= 3 && digits.length <= 16 ? "tel:" + digits : null;
  }
  function link(href, text, external) {
    var a = el("a", null, text);
    a.href = href;
    if (external) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
    return a;
  }

  // ---- build the widget ----------------------------------------------------------------------
  var host = document.createElement("div");
  host.className = "signpost-widget-host";
  host.setAttribute("data-signpost", mode);
  host.hidden = true;                       // until our stylesheet has loaded
  var root = host.attachShadow({ mode: "open" });
  var accent = themeColour("colour") || themeColour("color");
  if (accent) { host.style.setProperty("--sp-accent", accent); }

  var css = el("link");
  css.rel = "stylesheet";
  css.href = BASE + "/static/widget.css";
  css.addEventListener("load", function () { host.hidden = false; });
  css.addEventListener("error", function () { host.hidden = false; });
  root.appendChild(css);

  var wrap = el("div", "sp sp-mode-" + mode);
  root.appendChild(wrap);

  var launcher = null;
  if (mode === "launcher") {
    launcher = el("button", "sp-launcher");
    launcher.type = "button";
    launcher.setAttribute("aria-expanded", "false");
    launcher.setAttribute("aria-controls", "sp-panel");
    launcher.appendChild(el("span", "sp-launcher-icon")).setAttribute("aria-hidden", "true");
    launcher.appendChild(el("span", "sp-launcher-text", launcherText));
    wrap.appendChild(launcher);
  }

  var panel = el(mode === "launcher" ? "section" : "div", "sp-panel");
  panel.id = "sp-panel";
  if (mode === "launcher") {
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "false");
    panel.hidden = true;
  } else {
    panel.setAttribute("role", "region");
  }
  panel.setAttribute("aria-labelledby", "sp-title");
  wrap.appendChild(panel);

  var head = el("div", "sp-head");
  var titles = el("div", "sp-titles");
  var h = el("h2", "sp-title", title);
  h.id = "sp-title";
  titles.appendChild(h);
  titles.appendChild(el("p", "sp-subtitle", council ?
    "Who to contact in " + COUNCILS[council] : "Who to contact in Wiltshire and Swindon"));
  head.appendChild(titles);
  var exit = el("button", "sp-exit", "Quick exit");
  exit.type = "button";
  exit.setAttribute("aria-describedby", "sp-exit-help");
  head.appendChild(exit);
  var exitHelp = el("span", "sp-vh", "Leaves this page at once and opens a weather page.");
  exitHelp.id = "sp-exit-help";
  head.appendChild(exitHelp);
  var closeBtn = null;
  if (mode === "launcher") {
    closeBtn = el("button", "sp-close");
    closeBtn.type = "button";
    closeBtn.setAttribute("aria-label", "Close chat");
    closeBtn.appendChild(el("span", null, "\u00d7")).setAttribute("aria-hidden", "true");
    head.appendChild(closeBtn);
  }
  panel.appendChild(head);

  // The 999 line is part of the widget itself: it shows whatever the server does.
  var danger = el("p", "sp-danger");
  danger.appendChild(el("strong", null, "In danger? "));
  danger.appendChild(link("tel:999", "Call 999"));
  danger.appendChild(document.createTextNode(". Not an emergency? "));
  danger.appendChild(link("tel:101", "Call 101"));
  danger.appendChild(document.createTextNode("."));
  if (attr("danger-line", "on") !== "off") { panel.appendChild(danger); }   // the chat page has its own

  var log = el("div", "sp-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation with " + title);
  log.tabIndex = 0;
  panel.appendChild(log);

  var typing = el("div", "sp-typing");
  typing.setAttribute("role", "status");
  var typingDots = el("span", "sp-dots");
  typingDots.setAttribute("aria-hidden", "true");
  typingDots.appendChild(el("span"));
  typingDots.appendChild(el("span"));
  typingDots.appendChild(el("span"));
  typing.appendChild(typingDots);
  var typingText = el("span", "sp-typing-text");
  typing.appendChild(typingText);
  panel.appendChild(typing);

  var form = el("form", "sp-form");
  form.setAttribute("novalidate", "");
  var label = el("label", "sp-vh", "Your message to " + title);
  label.htmlFor = "sp-input";
  var input = el("input", "sp-input");
  input.id = "sp-input";
  input.type = "text";
  input.name = "message";
  input.maxLength = 1000;
  input.autocomplete = "off";
  input.setAttribute("enterkeyhint", "send");
  input.placeholder = "Type your question";
  var send = el("button", "sp-send", "Send");
  send.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  panel.appendChild(form);

  var foot = el("p", "sp-foot");
  foot.appendChild(document.createTextNode("Automated assistant, not a person. "));
  foot.appendChild(link(BASE + "/privacy", "Privacy", true));
  panel.appendChild(foot);

  function mount() {
    var target = mode === "page" && attr("target", null) ? document.getElementById(attr("target")) : null;
    (target || document.body).appendChild(host);
  }
  if (document.body) { mount(); } else { document.addEventListener("DOMContentLoaded", mount); }

  // ---- transcript ----------------------------------------------------------------------------
  function scrollDown() { log.scrollTop = log.scrollHeight; }

  function addMessage(who, text, extra) {
    var item = el("div", "sp-msg sp-" + who + (extra ? " " + extra : ""));
    item.appendChild(hiddenLabel(who === "user" ? "You said: " : title + " said: "));
    item.appendChild(el("p", "sp-text", text));
    log.appendChild(item);
    scrollDown();
    return item;
  }
  function addNote(text) {
    var item = el("div", "sp-note");
    item.appendChild(hiddenLabel(title + " said: "));
    item.appendChild(el("p", "sp-text", text));
    log.appendChild(item);
    scrollDown();
  }

  function isEmergency(m) {
    var r = m && m.custom && m.custom.route;
    return (r && (r.agency === "police_999" || r.emergency === true)) ||
      (typeof (m && m.text) === "string" && /^CALL 999/.test(m.text));
  }

  // A route answer comes as text (title, Who, Why, contact lines, Have ready, Note) followed by
  // its route data. The card shows who/why/contact as real links; the text keeps the rest.
  function splitRouteText(text, r) {
    var c = r.contact || {};
    var values = [].concat(
      (c.phones || []).map(function (p) { return p && p.number; }),
      (c.web || []).map(function (w) { return w && w.url; }),
      (c.emails || []).map(function (e) { return e && e.address; })
    ).filter(function (v) { return typeof v === "string" && v.length >= 3; });
    var lines = text.split("\n"), keep = [], removed = 0;
    lines.forEach(function (line) {
      var covered = /^(Who|Why|Hours):/.test(line) ||
        values.some(function (v) { return line.indexOf(v) !== -1; });
      if (covered) { removed += 1; } else { keep.push(line); }
    });
    if (!removed || !keep.length) { return null; }
    var heading = keep[0].length <= 80 && keep[0].indexOf(":") === -1 ? keep.shift() : null;
    return { heading: heading, rest: keep.join("\n").trim() };
  }

  function routeCard(r, emergency, heading) {
    var c = r.contact || {};
    var card = el("div", "sp-card" + (emergency ? " sp-card-emergency" : ""));
    card.appendChild(hiddenLabel(title + " said: "));
    card.appendChild(el("p", "sp-card-kicker", emergency ? "Emergency: call now" :
      (heading ? heading + ": who to contact" : "Who to contact")));
    var name = (emergency ? c.name : r.agency_name) || c.name || r.agency_name || "";
    card.appendChild(el("p", "sp-card-name", name));
    if (!emergency && c.name && c.name !== name) { card.appendChild(el("p", "sp-card-team", c.name)); }
    if (r.why) { card.appendChild(el("p", "sp-card-why", r.why)); }
    var actions = el("ul", "sp-card-actions");
    (c.phones || []).slice(0, 3).forEach(function (p) {
      var href = telHref(p.number);
      if (!href) { return; }
      var li = el("li", "sp-phone");
      var a = link(href, "Call " + p.number);
      a.className = "sp-action" + (p.number === "999" ? " sp-action-999" : "");
      li.appendChild(a);
      var meta = [p.label, p.hours].filter(Boolean).join(", ");
      if (meta) { li.appendChild(el("span", "sp-action-meta", meta)); }
      actions.appendChild(li);
    });
    (c.web || []).slice(0, 2).forEach(function (w) {
      var href = safeUrl(w.url);
      if (!href) { return; }
      var li = el("li", "sp-web");
      var a = link(href, w.label || "Website", true);
      a.className = "sp-action sp-action-web";
      a.appendChild(hiddenLabel(" (opens in a new tab)"));
      li.appendChild(a);
      li.appendChild(el("span", "sp-action-meta", new URL(href).hostname.replace(/^www\./, "")));
      actions.appendChild(li);
    });
    if (actions.children.length) { card.appendChild(actions); }
    if (c.hours) { card.appendChild(el("p", "sp-card-hours", "Hours: " + c.hours)); }
    log.appendChild(card);
    scrollDown();
  }

  function quickReplies(buttons) {
    var group = el("div", "sp-replies");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested replies");
    buttons.slice(0, 8).forEach(function (b) {
      if (!b || typeof b.title !== "string" || typeof b.payload !== "string") { return; }
      var btn = el("button", "sp-reply", b.title);
      btn.type = "button";
      btn.addEventListener("click", function () {
        Array.prototype.forEach.call(group.querySelectorAll("button"), function (x) { x.disabled = true; });
        group.classList.add("sp-replies-used");
        submit(b.payload, b.title);
        input.focus();
      });
      group.appendChild(btn);
    });
    if (group.children.length) { log.appendChild(group); scrollDown(); }
  }

  function routeOf(m) {
    var r = m && typeof m === "object" && m.custom && m.custom.route;
    return r && typeof r === "object" && r.agency && r.contact && typeof r.contact === "object" ? r : null;
  }

  function render(messages) {
    messages = Array.isArray(messages) ? messages.filter(function (m) { return m && typeof m === "object"; }) : [];
    var emergency = messages.some(isEmergency);
    var done = [];
    messages.forEach(function (m, i) {
      if (done[i]) { return; }
      var r = routeOf(m), next = routeOf(messages[i + 1]);
      if (typeof m.text === "string" && m.text) {
        var split = !r && next && next.agency !== "police_999" ? splitRouteText(m.text, next) : null;
        if (split) {
          routeCard(next, false, split.heading);
          if (split.rest) { addMessage("bot", split.rest); }
          done[i + 1] = true;
        } else {
          addMessage("bot", m.text, emergency && /^CALL 999/.test(m.text) ? "sp-emergency" : "");
        }
      }
      if (r) { routeCard(r, r.agency === "police_999"); }
      if (Array.isArray(m.buttons) && m.buttons.length) { quickReplies(m.buttons); }
    });
    if (emergency) { wrap.classList.add("sp-has-emergency"); }
  }

  // ---- session and transports ----------------------------------------------------------------
  function storage() { try { return window.sessionStorage; } catch (e) { return null; } }
  function savedSession() { var s = storage(); return s ? s.getItem(KEY) : null; }
  var session = savedSession();
  var resumed = !!session;
  var sessionPromise = null;
  var socket = null, socketReady = null, socketFailed = !io || transport === "rest";

  function timeoutFetch(url, options, ms) {
    var ctrl = typeof AbortController === "function" ? new AbortController() : null;
    var timer = setTimeout(function () { if (ctrl) { ctrl.abort(); } }, ms);
    options.signal = ctrl ? ctrl.signal : undefined;
    options.credentials = "omit";
    options.mode = "cors";
    return fetch(url, options).finally(function () { clearTimeout(timer); });
  }

  // The first call of a page renews a stored token: same conversation, fresh signature (or a new
  // conversation if it had expired).
  var verified = false;
  function ensureSession(fresh) {
    if (fresh) { session = null; verified = false; sessionPromise = null; var st = storage(); if (st) { st.removeItem(KEY); } }
    if (session && verified) { return Promise.resolve(session); }
    if (!sessionPromise) {
      var had = session;
      sessionPromise = timeoutFetch(BASE + "/api/session", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(had ? { session: had } : {})
      }, hardMs)
        .then(function (r) { if (!r.ok) { throw new Error("session " + r.status); } return r.json(); })
        .then(function (j) {
          if (typeof j.session !== "string") { throw new Error("no session"); }
          if (had && !j.renewed && !fresh) {
            addNote("Your earlier conversation has ended, so this is a new one.");
          }
          session = j.session;
          verified = true;
          var s = storage();
          if (s) { s.setItem(KEY, session); }
          return session;
        })
        .finally(function () { sessionPromise = null; });
    }
    return sessionPromise;
  }

  function connectSocket() {
    if (socketFailed) { return Promise.resolve(false); }
    if (socketReady) { return socketReady; }
    socketReady = ensureSession().then(function (token) {
      return new Promise(function (resolve) {
        var settled = false;
        function done(ok) {
          if (settled) { return; }
          settled = true;
          if (!ok) {
            socketFailed = true;          // REST for the rest of this page
            if (socket) { socket.close(); }
            socket = null;
          }
          resolve(ok);
        }
        socket = io(BASE, { path: "/socket.io/", transports: ["websocket"], auth: function (cb) { cb({ token: session || token }); },
                            reconnectionAttempts: 3, timeout: 4000 });
        socket.on("connect", function () { done(true); });
        socket.on("connect_error", function () { done(false); });
        socket.on("bot_uttered", function (m) {   // messages Rasa sends to this conversation later
          if (m && typeof m === "object") { render(Array.isArray(m.messages) ? m.messages : [m]); }
        });
        setTimeout(function () { done(false); }, 5000);
      });
    }, function () { return false; });
    return socketReady;
  }

  function viaSocket(text) {
    return new Promise(function (resolve, reject) {
      var data = { message: text };
      if (council) { data.metadata = { council: council }; }
      socket.timeout(hardMs).emit("user_uttered", data, function (err, reply) {
        if (err || !reply || !Array.isArray(reply.messages) || reply.error) { reject(err || new Error("bad reply")); }
        else { resolve(reply.messages); }
      });
    });
  }

  function viaRest(text, retried) {
    return ensureSession().then(function (token) {
      var body = { session: token, message: text };
      if (council) { body.council = council; }
      return timeoutFetch(BASE + "/api/chat", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
      }, hardMs);
    }).then(function (r) {
      if (r.status === 401 && !retried) {          // expired or from before a restart
        return ensureSession(true).then(function () { return viaRest(text, true); });
      }
      if (!r.ok && r.status !== 429) { throw new Error("status " + r.status); }   // down: our own 999/101
      return r.json().then(function (j) {
        if (j && Array.isArray(j.messages) && j.messages.length) { return j.messages; }
        throw new Error("empty answer");
      });
    });
  }

  function deliver(text) {
    return connectSocket().then(function (ok) {
      return ok && socket && socket.connected ? viaSocket(text) : viaRest(text);
    });
  }

  // ---- sending -------------------------------------------------------------------------------
  var busy = 0;
  function setTyping(on, text) {
    typing.classList.toggle("sp-typing-on", on);
    typingText.textContent = on ? text || title + " is typing" : "";
  }

  // After an answer, show it from its start: the emergency message if there is one, else the
  // question it answers (long answers would otherwise open at their last line).
  function reveal(mine) {
    var target = null;
    for (var n = mine.nextElementSibling; n; n = n.nextElementSibling) {
      if (n.classList.contains("sp-emergency")) { target = n; break; }
    }
    if (!target && log.scrollHeight - mine.offsetTop > log.clientHeight) { target = mine; }
    if (target) { log.scrollTop = Math.max(0, target.offsetTop - 8); } else { scrollDown(); }
  }

  function submit(payload, shown) {
    var mine = addMessage("user", shown || payload);
    busy += 1;
    setTyping(true);
    var slowTimer = setTimeout(function () { addMessage("bot", SLOW, "sp-warning"); }, softMs);
    return deliver(payload).then(function (messages) {
      clearTimeout(slowTimer);
      render(messages);
      reveal(mine);
    }, function () {
      clearTimeout(slowTimer);
      addMessage("bot", UNAVAILABLE, "sp-warning sp-unavailable");
    }).then(function () {
      clearTimeout(slowTimer);
      busy -= 1;
      if (!busy) { setTyping(false); }
    });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    submit(text);
  });

  // ---- open, close, quick exit ---------------------------------------------------------------
  var started = false;
  function start() {
    if (started) { return; }
    started = true;
    addNote("You're talking to " + title + ", an automated assistant, not a person. Tell me about " +
      "a problem" + (council ? " in " + COUNCILS[council] : " in Wiltshire or Swindon") +
      " and I'll tell you who deals with it. I can't send help or pass anything on.");
    if (resumed) {
      addNote("You're carrying on an earlier conversation from this tab. Earlier messages " +
        "aren't shown again, to protect your privacy.");
    }
  }
  // Connect when someone is about to type, not for every page view.
  input.addEventListener("focus", function () { connectSocket(); });

  function open() {
    if (!launcher) { return; }
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    wrap.classList.add("sp-open");
    start();
    input.focus();
  }
  function close() {
    if (!launcher || panel.hidden) { return; }
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    wrap.classList.remove("sp-open");
    launcher.focus();
  }
  if (launcher) {
    launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
    closeBtn.addEventListener("click", close);
    wrap.addEventListener("keydown", function (e) {
      if (e.key === "Escape" || e.key === "Esc") { e.preventDefault(); close(); }
    });
  } else {
    start();
  }

  exit.addEventListener("click", function () {
    var s = storage();
    if (s) {
      if (mode === "page") { s.clear(); } else { s.removeItem(KEY); }
    }
    if (socket) { socket.close(); }
    log.textContent = "";
    window.location.replace(EXIT_URL);
  });
})(typeof io === "function" ? io : null);
