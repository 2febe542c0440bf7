import { describe, expect, it } from 'vitest';
import { backends } from './support/db.js';
import { useServiceWithAdmin } from './support/service.js';
import { knowledgeChanged, onKnowledgeChange, type KnowledgeTopic } from '../api/knowledge/changes.js';
import { ensureCollege } from '../api/colleges/repository.js';

/**
 * Knowledge changes raise one event (api/knowledge/changes.ts) that the assistant listens to: a
 * route need not remember to refresh it. The event waits for the transaction that raised it.
 */
describe.each(backends)('the knowledge-change event on $name', (backend) => {
  const t = useServiceWithAdmin(backend);

  const ask = async (text: string) => ((await (await t.svc.request('/api/ask', { json: { text } })).json()) as { text: string }).text;

  it('a college created by issuing a bind code is known to the assistant at once', async () => {
    const name = '青岚湾职业技术学院';
    // Who answers for 山东 (the college's province), from the directory itself.
    const directory = (await (await t.svc.request(`/api/provinces/${encodeURIComponent('山东')}/contacts`)).json()) as { leads: Array<{ name: string }>; managers: Array<{ name: string }> };
    const people = [...directory.leads, ...directory.managers].map((c) => c.name);
    expect(people.length).toBeGreaterThan(0);
    expect(t.svc.services.assistant.resolveProvince(name)).toBeUndefined();
    const before = await ask(`${name}考试找谁？`);
    expect(before).not.toContain('山东（'); // it asks for the province instead
    expect(people.some((p) => before.includes(p))).toBe(false);

    // The bind-code route creates the college; it calls nothing on the assistant itself.
    const res = await t.svc.request('/api/admin/bind-codes', { json: { collegeName: name, provinceCode: '37' }, headers: t.admin });
    expect(res.status).toBe(201);

    expect(t.svc.services.assistant.resolveProvince(name)).toBe('37');
    const after = await ask(`${name}考试找谁？`);
    expect(after).toContain('山东（');
    expect(people.some((p) => after.includes(p))).toBe(true);
  });

  it('runs listeners after the commit, once per distinct change, and not at all after a rollback', async () => {
    const heard: KnowledgeTopic[] = [];
    const stop = onKnowledgeChange(t.svc.db, (topic) => heard.push(topic));
    try {
      await t.svc.db.transaction(async (tx) => {
        await knowledgeChanged(tx, 'contacts');
        await knowledgeChanged(tx, 'contacts');
        await knowledgeChanged(tx, 'exams');
        expect(heard).toEqual([]); // not before the commit
      });
      expect(heard).toEqual(['contacts', 'exams']);

      heard.length = 0;
      await expect(
        t.svc.db.transaction(async (tx) => {
          await ensureCollege(tx, '回滚职业学院', '37');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(heard).toEqual([]);
      expect(t.svc.services.assistant.resolveProvince('回滚职业学院')).toBeUndefined();

      await ensureCollege(t.svc.db, '回滚职业学院', '37');
      expect(heard).toEqual(['colleges']);
      heard.length = 0;
      await ensureCollege(t.svc.db, '回滚职业学院', '37'); // already there: nothing changed
      expect(heard).toEqual([]);
    } finally {
      stop();
    }
  });

  it('coalesces refreshes: changes made while a reload runs share one more reload', async () => {
    const assistant = t.svc.services.assistant;
    let reloads = 0;
    const original = assistant.reload.bind(assistant);
    assistant.reload = async () => {
      reloads++;
      await original();
    };
    try {
      await Promise.all([assistant.refresh(), assistant.refresh(), assistant.refresh(), assistant.refresh()]);
      expect(reloads).toBe(2);
    } finally {
      assistant.reload = original;
    }
  });
});
