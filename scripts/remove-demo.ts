import { SYSTEM } from '../server/auth/context.ts';
import { prepareSchema } from '../server/bootstrap.ts';
import { openDatabase } from '../server/db/database.ts';
import { DemoService } from '../server/demo/demo.service.ts';
import { EventBus } from '../server/events/event-bus.ts';
import { unitOfWork } from '../server/repositories.ts';
import { configFromEnv, fail } from './env.ts';

// `npm run db:remove-demo`: delete all synthetic demo data (units, values, hotspots, demo accounts)
// in one transaction and record that this deployment left the demo (it is not loaded again).
try {
  const config = configFromEnv();
  const database = await openDatabase(config, console.log);
  try {
    await prepareSchema(database.db, console.log);
    // No server runs here: the events go to no cache (a running server re-reads within seconds).
    const demo = new DemoService(unitOfWork(database.db, new EventBus()));
    const r = await demo.remove({ ...SYSTEM, label: 'cli:db:remove-demo' });
    console.log(
      `Đã xóa dữ liệu minh họa / demo data removed: ${r.units} units, ${r.observations} values, ` +
        `${r.hotspots} hotspots, ${r.users} demo accounts.`,
    );
    const u = r.user_rows_on_demo_units;
    if (u.observations || u.hotspots || u.plan_items) {
      console.log(
        `  cùng với dữ liệu người dùng gắn với đơn vị minh họa / also removed with the demo units: ` +
          `${u.observations} values, ${u.hotspots} hotspots, ${u.plan_items} plan items.`,
      );
    }
    if (r.users_disabled.length) {
      console.log(
        `  tài khoản bị khóa (phạm vi chỉ gồm đơn vị minh họa) / accounts disabled: ${r.users_disabled.join(', ')}`,
      );
    }
  } finally {
    await database.close();
  }
} catch (e) {
  fail(e);
}
