/** Feature: script tasks run FEEL only. */
import { between, loadOne, rejection, summary } from './bpmn-xml.js';

describe('script tasks', () => {
  it('compiles a FEEL script with its result variable (scriptFormat in any case)', async () => {
    const graph = await loadOne(
      between('s', 's', `<scriptTask id="s" scriptFormat="FEEL" camunda:resultVariable="total"><script>price * quantity</script></scriptTask>`),
    );
    const script = graph.nodes.get('s')?.scriptTask;
    expect(script?.resultVariable).toBe('total');
    expect(script?.script.evaluate({ price: 3, quantity: 4 })).toBe(12);
    expect(graph.nodes.get('s')?.needsVariables).toBe(true);
  });

  it.each([
    ['groovy', `scriptFormat="groovy"`],
    ['juel', `scriptFormat="juel"`],
    ['no format', ''],
  ])('refuses a script that is not FEEL (%s), naming the element and scriptFormat', async (_what, format) => {
    const error = await rejection(between('s', 's', `<scriptTask id="s" ${format}><script>x + 1</script></scriptTask>`));
    expect(summary(error.problems)).toEqual(['unsupported-attribute s scriptFormat']);
    expect(error.problems[0]?.message).toContain("scriptTask 's'");
  });

  it('reports a FEEL script that does not parse, and an empty script', async () => {
    const bad = await rejection(between('s', 's', `<scriptTask id="s" scriptFormat="feel"><script>a +* b</script></scriptTask>`));
    expect(summary(bad.problems)).toEqual(['expression-syntax s script']);
    const empty = await rejection(between('s', 's', `<scriptTask id="s" scriptFormat="feel"><script>  </script></scriptTask>`));
    expect(summary(empty.problems)).toEqual(['missing-script s script']);
  });
});
