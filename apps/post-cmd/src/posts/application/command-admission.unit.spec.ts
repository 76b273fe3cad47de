import { ConfigService } from '@nestjs/config';
import { Registry } from 'prom-client';
import type { PostCmdEnvironment } from '../../config/post-cmd.environment';
import { CommandAdmission, CommandsOverloaded } from './command-admission';

const admissionOf = (inFlight: number, waitMs: number) =>
  new CommandAdmission(
    new ConfigService<PostCmdEnvironment, true>({
      COMMANDS_IN_FLIGHT: inFlight,
      COMMAND_QUEUE_WAIT_MS: waitMs,
    }),
    new Registry(),
  );

/** A command that runs until the test finishes it. */
function heldCommand() {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => done, finish };
}

describe('admission of commands', () => {
  it('starts commands at once while fewer than the limit are in flight', async () => {
    const admission = admissionOf(2, 50);
    const first = heldCommand();
    const running = admission.admit(first.work);

    await expect(admission.admit(() => Promise.resolve('second'))).resolves.toBe('second');
    first.finish();
    await running;
  });

  it('starts a waiting command when one in flight finishes, in arrival order', async () => {
    const admission = admissionOf(1, 5_000);
    const first = heldCommand();
    const started: string[] = [];
    const running = admission.admit(first.work);
    const second = admission.admit(() => Promise.resolve(void started.push('second')));
    const third = admission.admit(() => Promise.resolve(void started.push('third')));

    first.finish();
    await Promise.all([running, second, third]);
    expect(started).toEqual(['second', 'third']);
  });

  it('refuses, with Retry-After, a command that could not start within the wait', async () => {
    const admission = admissionOf(1, 20);
    const first = heldCommand();
    const running = admission.admit(first.work);
    let ran = false;

    const refused = admission.admit(() => Promise.resolve(void (ran = true)));
    await expect(refused).rejects.toBeInstanceOf(CommandsOverloaded);
    await expect(refused).rejects.toMatchObject({ responseHeaders: { 'Retry-After': '1' } });
    first.finish();
    await running;
    expect(ran).toBe(false);
  });

  it('frees the place of a command that failed', async () => {
    const admission = admissionOf(1, 20);

    await expect(admission.admit(() => Promise.reject(new Error('store down')))).rejects.toThrow(
      'store down',
    );
    await expect(admission.admit(() => Promise.resolve('next'))).resolves.toBe('next');
  });
});
