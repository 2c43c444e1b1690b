/**
 * 环境变量：启动时解析一次，不对就立刻报清楚的错。各项含义见 .env.example。
 */
import * as z from 'zod/mini';

const EnvSchema = z.object({
  MODE: z._default(z.enum(['local', 'production']), 'local'),
  PORT: z._default(z.coerce.number().check(z.int(), z.gte(0), z.lte(65535)), 8787),
  HOST: z._default(z.string(), '127.0.0.1'),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './.data'),
  WEAPP_APPID: z._default(z.string(), 'touristappid'),
  SEED_DEMO: z._default(z.enum(['true', 'false']), 'true'),
  DEMO_WECOM_WEBHOOK: z.optional(z.string()),
  OUTBOX_INTERVAL_MS: z._default(z.coerce.number().check(z.int(), z.gte(100)), 2000),
  SUBSCRIBE_TEMPLATE_IDS: z._default(z.string(), ''),
});
export type Env = z.infer<typeof EnvSchema>;

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`环境变量不正确：${issues}（参见 .env.example）`);
  }
  return parsed.data;
}
