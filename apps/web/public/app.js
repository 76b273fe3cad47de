// The page: the live feed (post-query's change feed), commands to post-cmd, and the journey of
// each command the page sent, matched to the feed's changes by correlation id. No framework:
// a map of posts and a list of journeys, rendered again when either changes.

const config = await (await fetch('/config.json')).json();
const COMMANDS = `${config.commands}/api/v1`;
const QUERIES = `${config.queries}/api/v1`;

const posts = new Map(); // postId → the post's summary, as the feed last told it
const journeys = []; // newest first: { label, correlationId, sentAt, steps }
let session = null; // { username, token }

const $ = (selector) => document.querySelector(selector);
const element = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};
const showError = (text) => {
  $('#error').textContent = text;
  setTimeout(() => ($('#error').textContent = ''), 5000);
};

// --- the feed ---------------------------------------------------------------------------------

function follow() {
  const stream = new EventSource(`${QUERIES}/live/posts`);
  stream.onopen = () => {
    $('#feed-state').textContent = 'live';
    $('#feed-state').classList.add('on');
  };
  stream.onerror = () => {
    $('#feed-state').textContent = 'reconnecting…';
    $('#feed-state').classList.remove('on');
  };
  stream.addEventListener('change', (message) => applyChange(JSON.parse(message.data)));
  stream.addEventListener('reset', () => loadPosts());
}

async function loadPosts() {
  const page = await (await fetch(`${QUERIES}/posts?limit=50`)).json();
  for (const post of page.items) {
    const known = posts.get(post.postId);
    if (!known || known.version < post.version) posts.set(post.postId, { ...post, tags: [] });
  }
  renderPosts();
}

function applyChange(change) {
  const known = posts.get(change.postId);
  if (!known || known.version <= change.post.version) {
    if (change.post.removed || change.post.hidden) posts.delete(change.postId);
    else posts.set(change.postId, { ...change.post, changedAt: Date.now() });
    renderPosts();
  }
  const journey = journeys.find((each) => each.correlationId === change.correlationId);
  if (journey) {
    journey.steps.stored = Date.parse(change.storedAt);
    if (change.published) {
      journey.steps.published = Date.parse(change.published.at);
      journey.where = `partition ${change.published.partition}, offset ${change.published.offset}`;
    }
    journey.steps.projected = Date.parse(change.projectedAt);
    journey.steps.seen = Date.now();
    renderJourneys();
  }
}

function renderPosts() {
  const newest = [...posts.values()].sort((a, b) => b.datePosted.localeCompare(a.datePosted));
  $('#posts').replaceChildren(...newest.map(renderPost));
}

function renderPost(post) {
  const mine = session?.username === post.author;
  const act = (label, run) => element('button', { onclick: run, disabled: !session }, label);
  const item = element(
    'li',
    { className: post.changedAt > Date.now() - 1200 ? 'changed' : '' },
    element('div', { className: 'message' }, post.message),
    element(
      'div',
      { className: 'meta' },
      `${post.author} · ${post.likes} like(s) · ${post.commentCount} comment(s) · version ${post.version}`,
    ),
    element(
      'div',
      { className: 'actions' },
      act('Like', () => send('like', 'POST', `/posts/${post.postId}/likes`)),
      act('Comment', () => {
        const comment = prompt('Your comment');
        if (comment) send('comment', 'POST', `/posts/${post.postId}/comments`, { comment });
      }),
      ...(mine
        ? [
            act('Edit', () => {
              const message = prompt('The new message', post.message);
              if (message) send('edit', 'PATCH', `/posts/${post.postId}`, { message });
            }),
            act('Remove', () => send('remove', 'DELETE', `/posts/${post.postId}`)),
          ]
        : []),
    ),
  );
  item.dataset.postId = post.postId;
  return item;
}

// --- commands and their journeys ----------------------------------------------------------------

async function send(label, method, path, body) {
  const correlationId = crypto.randomUUID();
  const journey = { label, correlationId, sentAt: Date.now(), steps: {}, where: '' };
  journeys.unshift(journey);
  renderJourneys();
  const response = await fetch(`${COMMANDS}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${session.token}`,
      'content-type': 'application/json',
      'x-correlation-id': correlationId,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    journey.failed = `${response.status}: ${answer.detail ?? answer.title}`;
  } else {
    journey.steps.accepted = Date.now();
    journey.version = answer.version;
  }
  renderJourneys();
}

const STEPS = [
  ['accepted', (journey) => `accepted, version ${journey.version}`],
  ['stored', () => 'stored'],
  ['published', (journey) => `published, ${journey.where}`],
  ['projected', () => 'projected'],
  ['seen', () => 'seen on the feed'],
];

function renderJourneys() {
  $('#journeys').replaceChildren(
    ...journeys.slice(0, 20).map((journey) =>
      element(
        'li',
        { className: 'journey' },
        element('strong', {}, journey.label),
        ` ${journey.failed ?? ''}`,
        element(
          'div',
          { className: 'steps' },
          ...STEPS.map(([step, describe]) => {
            const at = journey.steps[step];
            return element(
              'span',
              { className: `step ${at ? 'done' : ''}`, title: step },
              at ? `${describe(journey)} +${at - journey.sentAt} ms` : step,
            );
          }),
        ),
      ),
    ),
  );
}

// --- signing in and posting ---------------------------------------------------------------------

$('#sign-in').addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = new FormData(event.target).get('username');
  const response = await fetch('/dev/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) return showError((await response.json()).detail);
  session = await response.json();
  $('#signed-in').textContent = `Signed in as ${session.username}.`;
  renderPosts();
});

$('#new-post').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!session) return showError('Sign in first.');
  const message = new FormData(event.target).get('message');
  await send('create', 'POST', '/posts', { message });
  event.target.reset();
});

follow();
await loadPosts();
