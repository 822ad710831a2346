// Sends what is typed, one message after the other. The input is cleared when a message is
// taken, not when its send returns, so what is typed meanwhile stays. A failed send puts its
// text (and any queued after it, to keep the order) back into the input and says so.

export function createSender({ input, post, onFailed }) {
  let chain = Promise.resolve();
  let pending = 0;
  let halted = false;
  const kept = [];

  function restore(err) {
    const typed = input.value;
    input.value = [...kept, typed].filter(Boolean).join('\n');
    kept.length = 0;
    halted = false;
    onFailed(err);
  }

  let lastError;
  return function send(raw) {
    const text = raw.trim();
    if (!text) return Promise.resolve();
    pending++;
    chain = chain.then(async () => {
      try {
        if (halted) kept.push(text);
        else {
          try {
            await post(text);
          } catch (e) {
            halted = true;
            lastError = e;
            kept.push(text);
          }
        }
      } finally {
        pending--;
        if (pending === 0 && halted) restore(lastError);
      }
    });
    return chain;
  };
}
