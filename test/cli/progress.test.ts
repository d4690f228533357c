// Progress on a terminal: a fake TTY stderr stands in for one.
import { describe, expect, it, vi } from 'vitest';
import { progress } from '../../scenarios/cli/progress.js';

function fakeTty(isTTY: boolean) {
  let text = '';
  const stream = {
    isTTY,
    columns: 120,
    write: (s: string) => {
      text += s;
      return true;
    },
    clearLine: () => true,
    cursorTo: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

describe('progress', () => {
  it('a sweep on a terminal shows done/total, failures, seeds/s and ETA', () => {
    const tty = fakeTty(true);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const p = progress(4, tty.stream);
    p.seedDone(false);
    p.seedDone(true);
    p.log('seed 2  fail');
    p.stop();
    log.mockRestore();
    expect(tty.text()).toMatch(/2\/4 seeds \| 1 failed \| [\d.]+ seeds\/s \| ETA/);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const pipe = fakeTty(false);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const p = progress(4, pipe.stream);
    p.seedDone(true);
    p.log('x');
    p.stop();
    expect(log).toHaveBeenCalledWith('x');
    log.mockRestore();
    expect(pipe.text()).toBe('');
  });
});
