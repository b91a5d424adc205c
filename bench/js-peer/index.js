// The official JS Bot Framework SDK (botbuilder 4.23.3) running a conversation of the same shape as
// ReflectBot's: greeting + disclaimer + a six-way ChoicePrompt menu, then one guided branch
// (TextPrompt -> NumberPrompt -> ConfirmPrompt) that returns to the menu. It is a throughput reference
// for bench/LoadDriver, so it stays on the SDK's own hot path: CloudAdapter.process, ConversationState
// over MemoryStorage, a DialogSet per turn. No restify/express: a plain node:http server with a small
// shim giving CloudAdapter the request/response shape it expects.
//
//   node index.js [--port 3979] [--host 127.0.0.1] [--bot dialogs|echo]
//
// --bot echo swaps the waterfall for a one-line echo on the same adapter and state: it shows what the SDK's
// plumbing alone costs, next to what its dialogs and recognizers add.
'use strict';

const http = require('node:http');
const {
    CloudAdapter,
    ConfigurationBotFrameworkAuthentication,
    ConversationState,
    MemoryStorage,
    ActivityHandler,
} = require('botbuilder');
const {
    DialogSet,
    DialogTurnStatus,
    WaterfallDialog,
    ChoicePrompt,
    TextPrompt,
    NumberPrompt,
    ConfirmPrompt,
    ListStyle,
} = require('botbuilder-dialogs');

function argValue(name, fallback) {
    const i = process.argv.indexOf(name);
    return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(argValue('--port', process.env.PORT || '3979'));
const host = argValue('--host', '127.0.0.1');
const botKind = argValue('--bot', 'dialogs');
if (botKind !== 'dialogs' && botKind !== 'echo') {
    console.error(`--bot: dialogs or echo, not '${botKind}'`);
    process.exit(2);
}
// Bounded request bodies: the driver's activities are well under 4 KB.
const maxBodyBytes = 256 * 1024;

// Empty app id and password: the SDK then accepts unauthenticated requests, as the emulator does.
const auth = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' });
const adapter = new CloudAdapter(auth);
adapter.onTurnError = async (context, error) => {
    console.error(`[onTurnError] ${error && error.stack ? error.stack : error}`);
    await context.sendActivity('Sorry, something went wrong on my side.');
};

const storage = new MemoryStorage();
const conversationState = new ConversationState(storage);
const dialogState = conversationState.createProperty('DialogState');

const MENU_CHOICES = [
    'Recognise the signs',
    'Say it with "I feel"',
    'Plan next steps',
    'Rehearse a conversation',
    'Find a therapist',
    'My toolkit',
];

const dialogs = new DialogSet(dialogState);
const menuPrompt = new ChoicePrompt('menuPrompt');
// Suggested actions, as a web chat channel would get them, so replies carry buttons like ReflectBot's.
menuPrompt.style = ListStyle.suggestedAction;
dialogs.add(menuPrompt);
dialogs.add(new TextPrompt('textPrompt'));
dialogs.add(new NumberPrompt('numberPrompt'));
dialogs.add(new ConfirmPrompt('confirmPrompt'));

dialogs.add(new WaterfallDialog('menu', [
    async (step) => step.prompt('menuPrompt', {
        prompt: 'What would you like to work on?',
        retryPrompt: 'Please pick one of the options below.',
        choices: MENU_CHOICES,
    }),
    async (step) => {
        const picked = step.result.value;
        if (picked === 'Plan next steps') {
            return step.beginDialog('planSteps');
        }
        await step.context.sendActivity(`"${picked}" is not part of this reference bot; let's go back to the menu.`);
        return step.next();
    },
    async (step) => step.replaceDialog('menu'),
]));

dialogs.add(new WaterfallDialog('planSteps', [
    async (step) => step.prompt('textPrompt', 'What is one small thing you would like to change?'),
    async (step) => {
        step.values.change = step.result;
        return step.prompt('numberPrompt', {
            prompt: 'On a scale of 1 to 10, how much does it matter to you?',
            retryPrompt: 'A number from 1 to 10, please.',
        });
    },
    async (step) => {
        step.values.importance = step.result;
        return step.prompt('confirmPrompt', 'Shall I keep this plan in your toolkit?');
    },
    async (step) => {
        const keep = step.result;
        await step.context.sendActivity(keep
            ? `Saved: "${step.values.change}" (matters ${step.values.importance}/10).`
            : 'No problem, nothing saved.');
        return step.endDialog();
    },
]));

class PeerBot extends ActivityHandler {
    constructor() {
        super();
        this.onMembersAdded(async (context, next) => {
            for (const member of context.activity.membersAdded || []) {
                if (member.id !== context.activity.recipient.id) {
                    await context.sendActivity('Hello, I am a reference bot for load tests.');
                    await context.sendActivity('I am not a therapist; in an emergency call your local emergency number.');
                    const dc = await dialogs.createContext(context);
                    await dc.beginDialog('menu');
                }
            }
            await next();
        });
        this.onMessage(async (context, next) => {
            const dc = await dialogs.createContext(context);
            const result = await dc.continueDialog();
            if (result.status === DialogTurnStatus.empty) {
                await dc.beginDialog('menu');
            }
            await next();
        });
    }

    async run(context) {
        await super.run(context);
        await conversationState.saveChanges(context, false);
    }
}

class EchoBot extends ActivityHandler {
    constructor() {
        super();
        this.onMembersAdded(async (context, next) => {
            await context.sendActivity('Hello');
            await next();
        });
        this.onMessage(async (context, next) => {
            await context.sendActivity(context.activity.text || '');
            await next();
        });
    }
}

const bot = botKind === 'echo' ? new EchoBot() : new PeerBot();

// The minimal response surface CloudAdapter.process uses (status/header/send/end).
function shimResponse(res) {
    let body;
    return {
        socket: res.socket,
        status(code) { res.statusCode = code; return this; },
        header(name, value) { res.setHeader(name, value); return this; },
        send(payload) { body = payload; return this; },
        end() {
            if (body === undefined || body === null) {
                res.end();
            } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
                res.end(body);
            } else {
                const json = JSON.stringify(body);
                res.setHeader('Content-Type', 'application/json; charset=utf-8');
                res.end(json);
            }
        },
    };
}

const server = http.createServer((req, res) => {
    if (req.url !== '/api/messages') {
        res.statusCode = 404;
        res.end();
        return;
    }
    if (req.method !== 'POST') {
        res.statusCode = 405;
        res.end();
        return;
    }
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
            res.statusCode = 413;
            res.end();
            req.destroy();
            return;
        }
        chunks.push(chunk);
    });
    req.on('end', () => {
        if (res.writableEnded) return;
        let parsed;
        try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
            res.statusCode = 400;
            res.end();
            return;
        }
        const shimReq = { method: req.method, headers: req.headers, body: parsed };
        adapter.process(shimReq, shimResponse(res), (context) => bot.run(context)).catch((err) => {
            console.error(err);
            if (!res.writableEnded) {
                res.statusCode = 500;
                res.end();
            }
        });
    });
});

server.keepAliveTimeout = 65_000;
server.listen(port, host, () => {
    console.log(`js-peer (${botKind}) listening on http://${host}:${port}/api/messages (pid ${process.pid})`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => server.close(() => process.exit(0)));
}
