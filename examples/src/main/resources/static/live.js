'use strict';
// The live page: browser APIs only (fetch with a ReadableStream reader, EventSource, <canvas>).

const $ = id => document.getElementById(id);

async function getJson(url) {
  const response = await fetch(url, {headers: {Accept: 'application/json'}});
  if (!response.ok) {
    throw new Error(`${url}: HTTP ${response.status}`);
  }
  return response.json();
}

function newTag(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** Polls /streams/{tag} until the generator's finally ran; resolves with its stats (or null if it never did). */
async function awaitEnd(tag, tries = 100) {
  for (let i = 0; i < tries; i++) {
    const stats = await getJson(`/streams/${encodeURIComponent(tag)}`);
    if (stats.ended) {
      return stats;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return null;
}

// ---------------------------------------------------------------- the stream panel

const COUNT = 1000000000;   // far more than anyone reads: the stream ends when the page stops it
const PAD = 8192;           // bytes of padding per item: the buffers then hold thousands of items, not a million
const POLL_MS = 250;        // how often the produced count is polled
const SLOW_MS = 100;        // "10 per second"
const WINDOW_MS = 30000;    // what the chart shows
const PACE_COLOURS = {fast: null, slow: 'rgba(255, 214, 102, 0.25)', paused: 'rgba(120, 130, 150, 0.16)'};

let stream = null;

function pace() {
  return document.querySelector('input[name=pace]:checked').value;
}

function setStreamState(text) {
  $('stream-state').textContent = text;
}

function startStream() {
  const s = {
    tag: newTag('page'),
    controller: new AbortController(),
    read: 0,
    produced: 0,
    samples: [],
    wake: null,       // resolves the wait of a paused reader
    polling: false,
    poller: 0,
  };
  stream = s;
  $('stream-start').disabled = true;
  $('stream-stop').disabled = false;
  $('stream-ended').textContent = '–';
  $('stream-cancelled').textContent = '–';
  setStreamState('starting');
  s.poller = setInterval(() => pollStream(s), POLL_MS);
  consume(s).catch(error => {
    if (!s.controller.signal.aborted) {
      setStreamState(`failed: ${error.message}`);
    }
  });
}

/** Reads the NDJSON response one item at a time at the chosen pace; reads the next chunk only when it needs one. */
async function consume(s) {
  const response = await fetch(`/numbers?count=${COUNT}&pad=${PAD}&tag=${encodeURIComponent(s.tag)}`,
      {signal: s.controller.signal, headers: {Accept: 'application/x-ndjson'}});
  if (!response.ok) {
    throw new Error(`HTTP ${response.status}`);
  }
  setStreamState('reading');
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let partial = '';   // the start of a line whose end has not arrived
  let lines = [];     // received complete lines
  let next = 0;       // the first of them the page has not read yet
  while (!s.controller.signal.aborted) {
    if (next === lines.length) {
      const {value, done} = await reader.read();
      if (done) {
        setStreamState('complete');
        return;
      }
      const text = partial + decoder.decode(value, {stream: true});
      const cut = text.lastIndexOf('\n');
      partial = text.slice(cut + 1);
      lines = cut < 0 ? [] : text.slice(0, cut).split('\n');
      next = 0;
      continue;
    }
    const p = pace();
    if (p === 'paused') {
      await new Promise(resolve => { s.wake = resolve; });
      continue;
    }
    const upTo = p === 'fast' ? lines.length : next + 1;
    s.read += upTo - next;
    next = upTo;
    if (p === 'slow') {
      renderFigures(s);
      await new Promise(resolve => setTimeout(resolve, SLOW_MS));
    }
  }
  await reader.cancel().catch(() => {});
}

async function pollStream(s) {
  if (s.polling) {
    return;
  }
  s.polling = true;
  try {
    const read = s.read;   // before asking: every item read was produced before this answer
    const stats = await getJson(`/streams/${encodeURIComponent(s.tag)}`);
    s.produced = stats.produced;
    const now = performance.now();
    s.samples.push({t: now, read, produced: stats.produced, pace: pace()});
    while (s.samples.length > 2 && s.samples[1].t < now - WINDOW_MS) {
      s.samples.shift();
    }
    renderFigures(s);
    drawChart(s);
    $('stream-ended').textContent = String(stats.ended);
    $('stream-cancelled').textContent = String(stats.cancelled);
    if (stats.ended) {
      clearInterval(s.poller);
      $('stream-start').disabled = false;
      $('stream-stop').disabled = true;
      setStreamState(stats.cancelled
          ? 'cancelled: GeneratorExit at its yield, the generator\'s finally ran'
          : 'ended: the generator\'s finally ran');
    }
  } finally {
    s.polling = false;
  }
}

function stopStream() {
  const s = stream;
  if (!s) {
    return;
  }
  s.controller.abort();
  if (s.wake) {
    s.wake();
  }
  $('stream-stop').disabled = true;
  setStreamState('aborted: waiting for the generator\'s finally');
}

function renderFigures(s) {
  $('stream-read').textContent = s.read.toLocaleString('en');
  $('stream-produced').textContent = s.produced.toLocaleString('en');
  $('stream-gap').textContent = Math.max(0, s.produced - s.read).toLocaleString('en');
}

function drawChart(s) {
  const canvas = $('stream-chart');
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
  }
  const g = canvas.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, width, height);
  const samples = s.samples;
  if (samples.length === 0) {
    return;
  }
  const left = 74;
  const right = width - 10;
  const top = 10;
  const bottom = height - 24;
  // The last 30 s, or the stream's life so far when it is younger (10 s at least).
  const now = samples[samples.length - 1].t;
  const span = Math.min(WINDOW_MS, Math.max(10000, now - samples[0].t));
  const t0 = now - span;
  let low = Infinity;
  let high = -Infinity;
  for (const sample of samples) {
    low = Math.min(low, sample.read);
    high = Math.max(high, sample.produced);
  }
  const margin = Math.max(1, (high - low) * 0.08);
  low = Math.max(0, low - margin);
  high += margin;
  const x = t => left + (Math.max(t, t0) - t0) / span * (right - left);
  const y = v => bottom - (v - low) / (high - low) * (bottom - top);

  // Background bands: how the page was reading.
  for (let i = 1; i < samples.length; i++) {
    const colour = PACE_COLOURS[samples[i].pace];
    if (colour) {
      g.fillStyle = colour;
      g.fillRect(x(samples[i - 1].t), top, x(samples[i].t) - x(samples[i - 1].t) + 0.5, bottom - top);
    }
  }

  // Axes and their labels.
  g.strokeStyle = '#d9dee7';
  g.fillStyle = '#5b6576';
  g.lineWidth = 1;
  g.font = '11px system-ui, sans-serif';
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const v = low + (high - low) * i / 4;
    g.beginPath();
    g.moveTo(left, Math.round(y(v)) + 0.5);
    g.lineTo(right, Math.round(y(v)) + 0.5);
    g.stroke();
    g.fillText(Math.round(v).toLocaleString('en'), left - 6, y(v));
  }
  g.textAlign = 'center';
  g.textBaseline = 'top';
  const step = span > 15000 ? 10 : 2;
  for (let seconds = 0; seconds * 1000 <= span; seconds += step) {
    g.fillText(seconds === 0 ? 'now' : `−${seconds} s`, x(now - seconds * 1000), bottom + 6);
  }

  const line = (key, colour) => {
    g.strokeStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    samples.forEach((sample, i) => {
      if (i === 0) {
        g.moveTo(x(sample.t), y(sample[key]));
      } else {
        g.lineTo(x(sample.t), y(sample[key]));
      }
    });
    g.stroke();
  };
  line('produced', '#e8731a');
  line('read', '#1f77b4');
}

// ---------------------------------------------------------------- the ticker panel

let ticker = null;

function startTicker() {
  const tag = newTag('ticks');
  const source = new EventSource(`/ticks?count=1000000&everyMs=500&tag=${encodeURIComponent(tag)}`);
  ticker = {source, tag};
  $('ticker-start').disabled = true;
  $('ticker-stop').disabled = false;
  $('ticker-state').textContent = 'connecting';
  source.onopen = () => { $('ticker-state').textContent = 'open'; };
  source.onmessage = event => {
    const tick = JSON.parse(event.data);
    $('tick-n').textContent = String(tick.n);
    $('tick-elapsed').textContent = String(tick.elapsedMillis);
    const item = document.createElement('li');
    item.value = tick.n;
    item.textContent = `tick ${tick.n} at ${tick.elapsedMillis} ms`;
    const log = $('tick-log');
    log.prepend(item);
    while (log.children.length > 3) {
      log.lastElementChild.remove();
    }
  };
  source.onerror = () => {
    $('ticker-state').textContent = source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting';
  };
}

async function stopTicker() {
  const {source, tag} = ticker;
  source.close();
  $('ticker-stop').disabled = true;
  $('ticker-state').textContent = 'closed: waiting for the async generator\'s finally';
  const stats = await awaitEnd(tag);
  $('ticker-state').textContent = stats === null
      ? 'closed; its finally has not run yet'
      : `closed: ${stats.cancelled ? 'cancelled at its await, ' : ''}its finally ran after ${stats.produced} ticks`;
  $('ticker-start').disabled = false;
}

// ---------------------------------------------------------------- the quote panel

async function runQuote() {
  $('quote-run').disabled = true;
  $('quote-state').textContent = 'running';
  const started = performance.now();
  try {
    const quote = await getJson('/quote?item=tea');
    $('quote-price').textContent = String(quote.price);
    $('quote-units').textContent = String(quote.units);
    $('quote-stars').textContent = String(quote.stars);
    $('quote-concurrent').textContent = String(quote.concurrentCalls);
    drawTimeline(quote.calls);
    $('quote-state').textContent = `answered in ${Math.round(performance.now() - started)} ms`;
  } catch (error) {
    $('quote-state').textContent = `failed: ${error.message}`;
  } finally {
    $('quote-run').disabled = false;
  }
}

function drawTimeline(calls) {
  const timeline = $('quote-timeline');
  timeline.replaceChildren();
  const span = Math.max(1, ...calls.map(call => call.endMillis));
  for (const call of calls) {
    const row = document.createElement('div');
    row.className = 'row';
    row.dataset.start = String(call.startMillis);
    row.dataset.end = String(call.endMillis);
    const name = document.createElement('span');
    name.textContent = call.path.replace('/stub/', '');
    const track = document.createElement('div');
    track.className = 'track';
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.style.left = `${call.startMillis / span * 100}%`;
    bar.style.width = `${Math.max(0.5, (call.endMillis - call.startMillis) / span * 100)}%`;
    track.append(bar);
    const label = document.createElement('span');
    label.className = 'span';
    label.textContent = `${call.startMillis}–${call.endMillis} ms`;
    row.append(name, track, label);
    timeline.append(row);
  }
}

// ---------------------------------------------------------------- wiring

$('stream-start').addEventListener('click', startStream);
$('stream-stop').addEventListener('click', stopStream);
for (const radio of document.querySelectorAll('input[name=pace]')) {
  radio.addEventListener('change', () => {
    if (stream) {
      renderFigures(stream);   // the count the new pace starts from
      if (stream.wake) {
        stream.wake();
      }
    }
  });
}
$('ticker-start').addEventListener('click', startTicker);
$('ticker-stop').addEventListener('click', () => { stopTicker().catch(e => { $('ticker-state').textContent = e.message; }); });
$('quote-run').addEventListener('click', runQuote);
startTicker();
