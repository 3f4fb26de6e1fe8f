import { createInterface } from 'node:readline/promises';
import { CreateSpokeError } from './errors.ts';
import {
  defaultTemplate,
  isTemplateName,
  type TemplateName,
  templateDescriptions,
  templateNames,
} from './templates.ts';

/** What the prompts need: a readable input and a writable output (a terminal). */
export interface PromptStreams {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/** Which questions to ask; answers already on the command line are left out. */
export interface Questions {
  readonly dir: boolean;
  readonly template: boolean;
  readonly install: boolean;
}

/** The answers to the questions asked. */
export interface Answers {
  dir?: string;
  template?: TemplateName;
  install?: boolean;
}

function cancelled(): CreateSpokeError {
  return new CreateSpokeError('CREATE_CANCELLED', 'cancelled; nothing was written.');
}

/**
 * Asks for the project folder, the template and whether to install, with `node:readline/promises`.
 * Enter takes the default shown in brackets; Ctrl-C or the end of input cancels.
 */
export async function askQuestions(streams: PromptStreams, questions: Questions): Promise<Answers> {
  const rl = createInterface({ input: streams.input, output: streams.output });
  rl.on('SIGINT', () => rl.close());
  // Lines are read through the async iterator, which buffers them: answers piped in before their
  // question is asked are not lost (rl.question drops lines that arrive before it is called).
  const lines = rl[Symbol.asyncIterator]();
  const ask = async (query: string): Promise<string> => {
    streams.output.write(query);
    const line = await lines.next();
    if (line.done === true) {
      streams.output.write('\n');
      throw cancelled();
    }
    return String(line.value).trim();
  };
  try {
    const answers: Answers = {};
    if (questions.dir) {
      answers.dir = (await ask('Project folder (spoke-app): ')) || 'spoke-app';
    }
    if (questions.template) {
      streams.output.write('Templates:\n');
      templateNames.forEach((name, i) => {
        streams.output.write(`  ${i + 1}) ${name.padEnd(8)} ${templateDescriptions[name]}\n`);
      });
      for (;;) {
        const answer = (await ask(`Template (${defaultTemplate}): `)) || defaultTemplate;
        const byNumber = templateNames[Number(answer) - 1];
        const picked = /^\d+$/.test(answer) ? byNumber : answer;
        if (picked !== undefined && isTemplateName(picked)) {
          answers.template = picked;
          break;
        }
        streams.output.write(
          `There is no template ${JSON.stringify(answer)}; type a name or a number from the list.\n`,
        );
      }
    }
    if (questions.install) {
      const answer = (await ask('Install dependencies with npm now? (y/N): ')).toLowerCase();
      answers.install = answer === 'y' || answer === 'yes';
    }
    return answers;
  } finally {
    rl.close();
  }
}
