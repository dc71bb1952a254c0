// The workshop room: when the session ends, say why (saved, opened elsewhere, server stopped,
// start-up error) instead of a bare "Session ended" or an endless spinner.
(function () {
  "use strict";
  var Native = window.WebSocket;
  function say(notice, code) {
    var body = document.body, d = body.dataset;
    var kind = notice ? notice.kind : ({4000: "ended", 4001: "taken_over", 4003: "server_stopped"}[code] || "lost");
    var text = {ended: d.ended, taken_over: d.takenOver, server_stopped: d.serverStopped, error: d.error}[kind] || d.lost;
    document.getElementById("closed-message").textContent = text;  // text, never HTML
    var detail = document.getElementById("closed-detail");
    if (kind === "error" && notice && notice.text) {
      detail.textContent = notice.text;
      detail.hidden = false;
    }
    body.classList.add("-closed");
    var button = document.getElementById("reopen");
    if (button) { button.focus(); }
  }
  function RoomSocket(url, protocols) {
    var ws = protocols === undefined ? new Native(url) : new Native(url, protocols);
    var notice = null;
    ws.addEventListener("message", function (event) {
      if (typeof event.data !== "string") { return; }
      try {
        var message = JSON.parse(event.data);
        if (message[0] === "cxalign") { notice = message[1]; }
      } catch (e) { /* not ours */ }
    });
    ws.addEventListener("close", function (event) { say(notice, event.code); });
    return ws;
  }
  RoomSocket.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { RoomSocket[k] = Native[k]; });
  window.WebSocket = RoomSocket;

  // Without a GPU (software WebGL: SwiftShader, llvmpipe), xterm's WebGL renderer paints at twice the
  // size on high-density screens — a quarter of the questionnaire shows. Then let it fall back to its
  // canvas renderer, which is right there (and faster than software WebGL). With a GPU nothing changes.
  var getContext = HTMLCanvasElement.prototype.getContext;
  var software = null;
  function softwareWebGL() {
    if (software === null) {
      software = false;
      try {
        var gl = getContext.call(document.createElement("canvas"), "webgl2");
        var info = gl && gl.getExtension("WEBGL_debug_renderer_info");
        var renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
        software = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
      } catch (e) { software = false; }
    }
    return software;
  }
  HTMLCanvasElement.prototype.getContext = function (type) {
    if ((type === "webgl2" || type === "webgl") && softwareWebGL()) { return null; }
    return getContext.apply(this, arguments);
  };
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("reopen");
    if (button) { button.addEventListener("click", function () { window.location.reload(); }); }
  });
})();
