import type { PlatformContext } from '../../platform/modules.ts';
export async function seedDemoTasks(_ctx: PlatformContext): Promise<void> {}
