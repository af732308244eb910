import { describe, expect, it } from 'vitest';
import { applyKernelEvent, badgeLabel, environmentHash, fieldErrors, formatDuration, memoryLevel, ordinal, reasonKind, type KernelDto } from './kernelModel';

describe('kernel rules', () => {
  it('says a pending kernel\'s place in line as people do', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(
      ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
    expect(badgeLabel('PENDING', 2)).toBe('Pending · 2nd in line');
    expect(badgeLabel('PENDING', 0)).toBe('Pending');
    expect(badgeLabel('READY', 3)).toBe('Ready');
  });

  it('colours memory green, orange above 80 %, red above 95 %', () => {
    expect(memoryLevel(50)).toBe('ok');
    expect(memoryLevel(80)).toBe('ok');
    expect(memoryLevel(80.5)).toBe('high');
    expect(memoryLevel(96)).toBe('critical');
  });

  it('names the reasons', () => {
    expect(reasonKind('the kernel exceeded its 0.5 GB memory limit and was killed')).toBe('out of memory');
    expect(reasonKind("kernel 'x' died (exit code 3 at ...); last log lines")).toBe('crashed with exit code 3');
    expect(reasonKind('idle for 300 s (idle timeout 300 s)')).toBe('idle timeout');
    expect(reasonKind('reached its maximum lifetime of 60 s')).toBe('lifetime reached');
    expect(reasonKind("kernel 'x' stopped answering its heartbeat although its container runs")).toBe('heartbeat lost');
    expect(reasonKind('stopped by admin')).toBeUndefined();
  });

  it('spreads a refused definition over the fields', () => {
    const errors = fieldErrors("kernel 'bad id' is not valid: ...", [
      { path: 'id', message: "id must be 1-64 letters, was 'bad id'" },
      { path: 'memoryGb', message: 'memory_gb must be between 0.5 and 64, was 100.0' },
      { path: 'cpus', message: 'cpus must be between 0.5 and 32, was 0.1' },
      { path: 'owner', message: 'owner must be ...' },
    ]);
    expect(errors.fields.id).toEqual(["id must be 1-64 letters, was 'bad id'"]);
    expect(errors.fields.memoryGb).toEqual(['memory_gb must be between 0.5 and 64, was 100.0']);
    expect(errors.fields.cpus).toHaveLength(1);
    expect(errors.general).toEqual(['owner must be ...']);
    expect(fieldErrors('taken', [{ path: 'id', message: "a kernel with id 'x' exists; choose another id" }]).fields.id).toHaveLength(1);
    expect(fieldErrors("field 'memoryGb' must be a number").general).toEqual(["field 'memoryGb' must be a number"]);
    expect(fieldErrors('the server cannot be reached').general).toEqual(['the server cannot be reached']);
  });

  it('applies state and stats events', () => {
    const list: KernelDto[] = [{ id: 'a', state: 'STARTING' }, { id: 'b', state: 'STOPPED' }];
    const ready = applyKernelEvent(list, 'state', { kernel: 'a', state: 'READY' });
    expect(ready[0].state).toBe('READY');
    const stats = applyKernelEvent(ready, 'stats', { kernel: 'a', usage: { memoryPercent: 12 } });
    expect(stats[0].usage?.memoryPercent).toBe(12);
    const failed = applyKernelEvent(stats, 'state', { kernel: 'a', state: 'ERROR', reason: 'out of memory' });
    expect(failed[0]).toMatchObject({ state: 'ERROR', reason: 'out of memory', usage: undefined });
    expect(failed[1]).toBe(list[1]);
  });

  it('formats durations and environment hashes', () => {
    expect(formatDuration('PT0S')).toBe('no limit');
    expect(formatDuration('PT30M')).toBe('30 min');
    expect(formatDuration('PT1H30M')).toBe('1 h 30 min');
    expect(environmentHash('flowfile-kernel-env:c77cd70e5ba0')).toBe('c77cd70e5ba0');
    expect(environmentHash('flowfile-kernel:latest')).toBeUndefined();
  });
});
