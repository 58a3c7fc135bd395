// The operators' dashboard: logs in, reads GET /api/ops/stream with fetch() (EventSource cannot send a Bearer
// token), parses server-sent events itself and reconnects with Last-Event-ID, so nothing is missed across a
// reconnect. Everything shown is set as text, never as HTML.
(() => {
  'use strict';

  const BUCKET_MS = 10000;
  const BUCKETS = 30;
  const FEED_MAX = 200;
  const SVG = 'http://www.w3.org/2000/svg';

  const $ = (id) => document.getElementById(id);
  const buckets = new Map(); // start of a 10-second bucket (ms) -> activities in it
  let token = null;
  let lastEventId = null;
  let controller = null;
  let retryDelay = 1000;
  let shown = 0;

  function setStatus(state, text) {
    $('status').dataset.state = state;
    $('status').textContent = text;
  }

  $('login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: {'Content-Type': 'application/json', Accept: 'application/json'},
        body: JSON.stringify({username: $('username').value, password: $('password').value}),
      });
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        $('login-error').textContent = problem.detail || `Login failed (${response.status})`;
        return;
      }
      token = (await response.json()).accessToken;
      $('password').value = '';
      $('login').hidden = true;
      $('dashboard').hidden = false;
      connect();
    } catch (error) {
      $('login-error').textContent = `The service cannot be reached: ${error.message}`;
    }
  });

  $('logout').addEventListener('click', () => {
    const ending = token;
    signOut('');
    if (ending) {
      fetch('/api/auth/logout', {method: 'POST', headers: {Authorization: `Bearer ${ending}`}}).catch(() => {});
    }
  });

  function signOut(message) {
    token = null;
    if (controller) {
      controller.abort();
    }
    controller = null;
    $('dashboard').hidden = true;
    $('login').hidden = false;
    $('login-error').textContent = message;
    setStatus('signed-out', 'signed out');
  }

  async function connect() {
    if (!token) {
      return;
    }
    controller = new AbortController();
    const headers = {Authorization: `Bearer ${token}`, Accept: 'text/event-stream'};
    if (lastEventId !== null) {
      headers['Last-Event-ID'] = lastEventId;
    }
    setStatus('reconnecting', 'connecting…');
    try {
      const response = await fetch('/api/ops/stream', {headers, signal: controller.signal, cache: 'no-store'});
      if (response.status === 401 || response.status === 403) {
        signOut(response.status === 401 ? 'The session has ended: log in again.' : 'For operators only.');
        return;
      }
      if (!response.ok || !response.body) {
        throw new Error(`HTTP ${response.status}`);
      }
      setStatus('connected', 'connected');
      retryDelay = 1000;
      await read(response.body);
      throw new Error('the stream ended');
    } catch (error) {
      if (!token) {
        return; // signed out: the abort was ours
      }
      setStatus('reconnecting', `reconnecting (${error.message})…`);
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }
  }

  /** The text/event-stream format: fields per line, an empty line ends an event, ':' starts a comment. */
  async function read(body) {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let event = newEvent();
    for (;;) {
      const {value, done} = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, {stream: true});
      let end;
      while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          dispatch(event);
          event = newEvent();
        } else if (line.startsWith(':')) {
          $('heartbeat').textContent = new Date().toLocaleTimeString();
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let text = colon < 0 ? '' : line.slice(colon + 1);
          if (text.startsWith(' ')) {
            text = text.slice(1);
          }
          if (field === 'data') {
            event.data.push(text);
          } else if (field === 'event') {
            event.type = text;
          } else if (field === 'id') {
            event.id = text;
          }
        }
      }
    }
  }

  function newEvent() {
    return {type: 'message', data: [], id: null};
  }

  function dispatch(event) {
    if (event.id !== null) {
      lastEventId = event.id;
    }
    if (event.data.length === 0) {
      return;
    }
    const data = JSON.parse(event.data.join('\n'));
    if (event.type === 'activity') {
      showActivity(data);
    } else if (event.type === 'counters') {
      showCounters(data);
    }
  }

  function showActivity(activity) {
    const item = document.createElement('li');
    item.dataset.id = String(activity.id);
    item.dataset.type = activity.type;
    const time = document.createElement('span');
    time.textContent = `${new Date(activity.at).toLocaleTimeString()} `;
    const type = document.createElement('span');
    type.className = 'type';
    type.textContent = activity.type;
    const details = [
      activity.amount && `${activity.amount} AZN`,
      activity.causeKind,
      activity.provider && `via ${activity.provider}`,
      activity.sessionId && `session ${activity.sessionId}`,
      activity.lines && linesText(activity.lines),
      activity.publication && publicationText(activity.publication),
    ].filter(Boolean).join(' · ');
    item.append(time, type, document.createTextNode(details ? ` ${details}` : ''));
    const feed = $('feed');
    feed.prepend(item);
    while (feed.children.length > FEED_MAX) {
      feed.lastElementChild.remove();
    }
    shown += 1;
    $('feed-count').textContent = `(${shown} since opened, newest first)`;
    const bucket = Math.floor(Date.parse(activity.at) / BUCKET_MS) * BUCKET_MS;
    buckets.set(bucket, (buckets.get(bucket) || 0) + 1);
    drawChart();
  }

  /** A finished import of exam results: its lines counted by outcome. */
  function linesText(lines) {
    return `${lines.read} lines: ${lines.recorded} recorded, ${lines.corrected} corrected, `
      + `${lines.unchanged} unchanged, ${lines.rejected} rejected`;
  }

  /** When a session's results become visible, and the instant that replaced if any. */
  function publicationText(set) {
    const moved = set.previousPublishAt ? ` (moved from ${new Date(set.previousPublishAt).toLocaleString()})` : '';
    return `${set.resultCount} results visible from ${new Date(set.publishAt).toLocaleString()}${moved}`;
  }

  function showCounters(counters) {
    $('counter-cabinetsOpened').textContent = counters.cabinetsOpened;
    $('counter-applicationsConfirmed').textContent = counters.applicationsConfirmed;
    for (const name of ['imported', 'corrected', 'published']) {
      $(`counter-results-${name}`).textContent = counters.results[name];
    }
    for (const name of ['paymentsReceived', 'paymentsCredited', 'feesCharged']) {
      $(`counter-${name}`).textContent = counters[name].count;
      $(`amount-${name}`).textContent = `${counters[name].amount} AZN`;
    }
    $('head').textContent = counters.eventStoreHead;
    $('counters-at').textContent = new Date(counters.at).toLocaleTimeString();
    $('processors').replaceChildren(...counters.processors.map((processor) => tableRow(
      [processor.name, processor.mode, processor.position ?? '–', processor.lag], processor.lag > 0)));
    $('admission').replaceChildren(...counters.admission.map((requestClass) => {
      const row = tableRow([requestClass.requestClass, requestClass.admitted, requestClass.refused],
        requestClass.refused > 0);
      row.dataset.class = requestClass.requestClass;
      return row;
    }));
    $('balancer').replaceChildren(...counters.balancer.map((backend) => {
      const row = tableRow([backend.backend, backend.refused], backend.refused > 0);
      row.dataset.backend = backend.backend;
      return row;
    }));
  }

  /** A table row of these values, set as text; its last cell stands out if alarming. */
  function tableRow(values, alarming) {
    const row = document.createElement('tr');
    for (const value of values) {
      const cell = document.createElement('td');
      cell.textContent = String(value);
      row.append(cell);
    }
    if (alarming) {
      row.lastElementChild.className = 'lagging';
    }
    return row;
  }

  /** Bars of activities per 10 seconds over the last five minutes, as inline SVG (no library, works offline). */
  function drawChart() {
    const chart = $('chart');
    const now = Math.floor(Date.now() / BUCKET_MS) * BUCKET_MS;
    const first = now - (BUCKETS - 1) * BUCKET_MS;
    for (const start of buckets.keys()) {
      if (start < first) {
        buckets.delete(start);
      }
    }
    const counts = Array.from({length: BUCKETS}, (_, i) => buckets.get(first + i * BUCKET_MS) || 0);
    const highest = Math.max(1, ...counts);
    const width = 600 / BUCKETS;
    const bars = counts.map((count, i) => {
      const bar = document.createElementNS(SVG, 'rect');
      const height = (count / highest) * 110;
      bar.setAttribute('x', String(i * width + 1));
      bar.setAttribute('y', String(115 - height));
      bar.setAttribute('width', String(width - 2));
      bar.setAttribute('height', String(height));
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${new Date(first + i * BUCKET_MS).toLocaleTimeString()}: ${count}`;
      bar.append(title);
      return bar;
    });
    const axis = document.createElementNS(SVG, 'line');
    axis.setAttribute('x1', '0');
    axis.setAttribute('x2', '600');
    axis.setAttribute('y1', '115');
    axis.setAttribute('y2', '115');
    chart.replaceChildren(axis, ...bars);
  }

  setInterval(drawChart, 1000);
  drawChart();
})();
