(function () {
  'use strict';
  var pending = [];
  function record(message) {
    var el = document.getElementById('report-errors');
    if (el) {
      while (pending.length) {
        el.textContent += pending.shift() + '\n';
      }
      el.textContent += message + '\n';
    } else {
      pending.push(message);
    }
  }
  window.reportError = record;
  window.onerror = function (message, source, line, column) {
    record(String(message) + ' (' + source + ':' + line + ':' + column + ')');
    return false;
  };
  window.addEventListener('unhandledrejection', function (e) {
    record('unhandled rejection: ' + String(e.reason));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    record('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI);
  });
  document.addEventListener('DOMContentLoaded', function () {
    if (pending.length) {
      record('(errors before the page was parsed)');
    }
  });
})();
