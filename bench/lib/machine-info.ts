import os from 'node:os';

/** Where the figures were measured. */
export interface MachineInfo {
  /** One line: CPU model, core count, memory, OS. */
  description: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  /** 1-minute load average when the run started (other work on the machine skews figures). */
  loadAverage: number;
}

/** Reads the machine's description from `node:os`. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  const cpuModel = cpus[0]?.model.trim() ?? 'unknown CPU';
  const memoryGiB = Math.round((os.totalmem() / 1024 ** 3) * 10) / 10;
  const platform = `${os.type()} ${os.release()} ${os.arch()}`;
  const loadAverage = Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
  return {
    description: `${cpuModel}, ${cpus.length} cores, ${memoryGiB} GiB, ${platform}`,
    cpus: cpus.length,
    cpuModel,
    memoryGiB,
    platform,
    loadAverage,
  };
}
