import { describe, expect, it } from 'vitest';
import { builtinKnownTopics, knownTopicsOf, setKnownTopics } from './KnownTopics';

describe('knownTopicsOf', () => {
  const notify = { topic: 'notify', name: { 'zh-CN': '通知', en: 'Notify' }, configSchema: {} };

  it('defaults to the built-in workers’ topics', async () => {
    expect([...(await knownTopicsOf({}).topics('t1'))].sort()).toEqual(['records', 'rules']);
    expect(knownTopicsOf({}).taskTypes).toBeUndefined();
  });

  it('uses the plugin host’s task-type registry on deps.taskTypes when there is one', async () => {
    // given: the registry's shape (topics(): string[], catalogue(): items)
    const deps = {
      taskTypes: {
        topics: () => ['rules', 'records', 'notify'],
        catalogue: () => [notify],
        serves: (t: string) => t === 'notify',
      },
    };
    // when
    const provider = knownTopicsOf(deps);
    // then
    expect([...(await provider.topics('t1'))]).toEqual(['rules', 'records', 'notify']);
    expect(await provider.taskTypes!('t1')).toEqual([notify]);
  });

  it('prefers a provider set explicitly', async () => {
    // given
    const deps = { taskTypes: { topics: () => ['notify'], catalogue: () => [notify] } };
    setKnownTopics(deps, builtinKnownTopics);
    // then
    expect(knownTopicsOf(deps)).toBe(builtinKnownTopics);
  });
});
