// Drives the real botframework-directlinejs client against a running ReflectBot host.
// Usage: node directline-client.js <baseUrl> <polling|websocket>
// Needs NODE_PATH pointing at clients/node_modules. Prints one JSON summary line; exits 1 on failure.
'use strict';

const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');
const { Observable } = require('rxjs/Observable');
const WebSocket = require('ws');

const [baseUrl, mode] = process.argv.slice(2);
if (!baseUrl || !['polling', 'websocket'].includes(mode)) {
  console.error('usage: node directline-client.js <baseUrl> <polling|websocket>');
  process.exit(2);
}

// DirectLineJS calls rxjs' ajax (XMLHttpRequest) by default; Node has fetch, so hand it an ajax built on that.
function ajax(request) {
  return Observable.create((subscriber) => {
    const controller = new AbortController();
    const body = request.body === undefined || typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    fetch(request.url, { method: request.method || 'GET', headers: request.headers, body, signal: controller.signal })
      .then(async (response) => {
        const text = await response.text();
        const json = text ? JSON.parse(text) : null;
        if (response.status >= 400) {
          subscriber.error({ status: response.status, response: json });
        } else {
          subscriber.next({ status: response.status, response: json });
          subscriber.complete();
        }
      })
      .catch((error) => subscriber.error(error));
    return () => controller.abort();
  });
}

function fail(message, extra) {
  console.log(JSON.stringify({ ok: false, error: message, ...extra }));
  process.exit(1);
}

async function main() {
  const session = await (await fetch(`${baseUrl}/api/webchat/token`, { method: 'POST' })).json();
  const directLine = new DirectLine({
    domain: `${baseUrl}/v3/directline`,
    token: session.token,
    webSocket: mode === 'websocket',
    pollingInterval: 200,
    ajax,
    WebSocket,
  });

  const received = [];
  const statuses = [];
  directLine.connectionStatus$.subscribe((status) => statuses.push(ConnectionStatus[status]));
  directLine.activity$.subscribe((activity) => received.push(activity), (error) => fail('activity stream failed', { detail: String(error && (error.status || error.message || error)) }));

  const waitFor = (predicate, what, ms = 15000) => new Promise((resolve) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const found = predicate();
      if (found) { clearInterval(timer); resolve(found); }
      else if (Date.now() - started > ms) { clearInterval(timer); fail(`timed out waiting for ${what}`, { received: received.map((a) => a.text), statuses }); }
    }, 50);
  });

  // The welcome arrives without the user saying anything; its last message expects an answer.
  await waitFor(() => received.some((a) => a.from.id !== session.userId && a.inputHint === 'expectingInput'), 'the welcome');
  const welcome = received.filter((a) => a.type === 'message').map((a) => a.text);

  const clientActivityID = `node-${mode}-1`;
  const postedId = await new Promise((resolve, reject) => directLine.postActivity({
    type: 'message',
    from: { id: session.userId, role: 'user' },
    text: 'help',
    channelData: { clientActivityID },
  }).subscribe(resolve, reject));

  await waitFor(() => received.filter((a) => a.replyToId === postedId && a.inputHint === 'expectingInput').length > 0, 'the reply to the message');
  const echo = received.find((a) => a.id === postedId);
  const replies = received.filter((a) => a.replyToId === postedId && a.type === 'message').map((a) => a.text);
  const ids = received.map((a) => a.id);

  console.log(JSON.stringify({
    ok: true,
    mode,
    userId: session.userId,
    conversationId: directLine.conversationId,
    welcome,
    postedId,
    echoFromId: echo && echo.from.id,
    echoClientActivityID: echo && echo.channelData && echo.channelData.clientActivityID,
    replies,
    duplicateIds: ids.length - new Set(ids).size,
    statuses: [...new Set(statuses)],
  }));
  directLine.end();
  process.exit(0);
}

main().catch((error) => fail(String(error && (error.message || error))));
