import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';

// Only the pieces drawn here: the whole of echarts would triple the lazily loaded chunk.
echarts.use([BarChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Slice {
  name: string;
  value: number;
}

/** One chart, resized with its box; `label` is its accessible name (the table beside it carries the figures). */
function Chart({ option, label, height }: { option: echarts.EChartsCoreOption; label: string; height: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return undefined;
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} role="img" aria-label={label} data-chart={label} style={{ width: '100%', height }} />;
}

/** The case's routes as bars and its classification (transferable, on hold, public announcement) as a pie. Loaded lazily. */
export default function RouteCharts({ routes, classes, routesLabel, classesLabel }: { routes: Slice[]; classes: Slice[]; routesLabel: string; classesLabel: string }) {
  // Keyed on the figures: the case page re-renders every second (live counters) with new arrays of
  // the same figures, and a new option would redraw the chart each time.
  const key = JSON.stringify([routes, classes]);
  const bars = useMemo<echarts.EChartsCoreOption>(() => ({
    aria: { enabled: false },
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: routes.map((slice) => slice.name) },
    series: [{ type: 'bar', data: routes.map((slice) => slice.value) }],
  }), [key]);
  const pie = useMemo<echarts.EChartsCoreOption>(() => ({
    aria: { enabled: false },
    tooltip: { trigger: 'item' },
    // The legend names the slices: outer labels collide on a phone's width.
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { show: false }, data: classes }],
  }), [key]);
  return (
    <div className="route-charts">
      <Chart option={bars} label={routesLabel} height={Math.max(120, routes.length * 32 + 40)} />
      <Chart option={pie} label={classesLabel} height={220} />
    </div>
  );
}
