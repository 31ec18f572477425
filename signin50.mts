// temp: 50 concurrent sign-ins against a running server at ORIGIN
import { prepareShift, signIn } from './scripts/bench/serve/shiftStart';
const origin = process.env.ORIGIN!;
const users_ = JSON.parse((await import('node:fs')).readFileSync(process.env.USERS!, 'utf8'));
const a = users_.find((u: any) => u.username === 'admin'); const admin = { username: a.username, password: a.password };
const users = await prepareShift(origin, admin, 50, ['x'], ['centre']);
for (let round = 0; round < 3; round++) {
  let t = performance.now(); await signIn(origin, users[0]!); const one = performance.now() - t;
  t = performance.now(); const done: number[] = []; await Promise.all(users.map((u) => signIn(origin, u).then(() => done.push(performance.now() - t))));
  console.log(JSON.stringify({ one: Math.round(one), fifty: Math.round(performance.now() - t), median: Math.round(done.sort((a,b)=>a-b)[25]!) }));
}
process.exit(0);
