// Cross-check: npm omron-fins (an implementation nobody here wrote) reads and writes the plcbridge
// PLC simulator over UDP and TCP. Usage: node omron_fins_interop.js PORT
// Known omron-fins 0.5.0 defects worked around (docs/FINS.md "Cross-checks"): 'open' fires before the client is
// connected (defer with setImmediate); its FINS/TCP length is one byte (keep TCP frames < 255 bytes).
'use strict';
const fins = require('omron-fins');

const port = Number(process.argv[2]);
if (!port) {
    console.error('usage: node omron_fins_interop.js PORT');
    process.exit(2);
}

let failures = 0;
let passes = 0;
function check(name, condition, detail) {
    if (condition) {
        passes++;
        console.log(`ok   ${name}`);
    } else {
        failures++;
        console.log(`FAIL ${name}: ${detail}`);
    }
}

function call(client, method, ...args) {
    return new Promise((resolve) => {
        client[method](...args, (err, msg) => resolve({ err, msg }));
    });
}

function open(protocol, options) {
    return new Promise((resolve, reject) => {
        const client = fins.FinsClient(port, '127.0.0.1', Object.assign({ protocol, timeout: 2000 }, options));
        const timer = setTimeout(() => reject(new Error(`${protocol}: no 'open' within 3 s`)), 3000);
        client.on('error', (e) => console.log(`${protocol} client error event: ${e && e.message}`));
        client.on('open', () => setImmediate(() => {
            clearTimeout(timer);
            resolve(client);
        }));
    });
}

async function exercise(protocol, base, options) {
    const client = await open(protocol, options);
    const values = [11, 22, 33, -1, 0x1234];
    let r = await call(client, 'write', `D${base}`, values);
    check(`${protocol} write D${base} x5`, !r.err && r.msg && r.msg.response && r.msg.response.endCode === '0000',
          r.err ? r.err.message : JSON.stringify(r.msg && r.msg.response));
    r = await call(client, 'read', `D${base}`, 5);
    const got = r.msg && r.msg.response && r.msg.response.values;
    check(`${protocol} read D${base} x5 returns what was written`, !r.err && JSON.stringify(got) === JSON.stringify(values),
          r.err ? r.err.message : JSON.stringify(got));

    const count = protocol === 'udp' ? 977 : 100;  // TCP: stay under the package's 255-byte length bug
    r = await call(client, 'read', 'D6000', count);
    check(`${protocol} read D6000 x${count}`, !r.err && r.msg.response.values.length === count,
          r.err ? r.err.message : r.msg.response.values.length);

    r = await call(client, 'read', 'D40000', 1);  // beyond a CJ2M's DM: the simulator must refuse
    const endCode = r.msg && r.msg.response && r.msg.response.endCode;
    check(`${protocol} read D40000 answers end code 1103`, endCode === '1103', r.err ? r.err.message : endCode);

    r = await call(client, 'write', 'W10.3', [true]);
    check(`${protocol} bit write W10.03`, !r.err && r.msg.response.endCode === '0000', r.err ? r.err.message : '');
    r = await call(client, 'read', 'W10', 1);
    check(`${protocol} word W10 shows bit 3`, !r.err && r.msg.response.values[0] === 8,
          r.err ? r.err.message : JSON.stringify(r.msg.response.values));

    r = await call(client, 'clockRead');
    // The simulator's clock is the host's UTC clock, BCD-encoded; omron-fins decodes the BCD.
    const clock = r.msg && r.msg.response && r.msg.response.result;
    const now = new Date();
    check(`${protocol} clock read decodes to today's UTC date`,
          !r.err && clock && clock.year === now.getUTCFullYear() % 100 && clock.month === now.getUTCMonth() + 1 &&
              clock.day === now.getUTCDate() && clock.day_of_week === now.getUTCDay(),
          r.err ? r.err.message : JSON.stringify(clock));

    r = await call(client, 'status');
    check(`${protocol} status read`, !r.err && r.msg && r.msg.response && r.msg.response.endCode === '0000',
          r.err ? r.err.message : JSON.stringify(r.msg && r.msg.response));

    client.disconnect();
}

(async () => {
    try {
        await exercise('udp', 6100, { DA1: 1, SA1: 33 });
        await exercise('tcp', 6200, {});
    } catch (e) {
        failures++;
        console.log(`FAIL ${e.message}`);
    }
    console.log(`${passes} passed, ${failures} failed`);
    process.exit(failures === 0 ? 0 : 1);
})();
