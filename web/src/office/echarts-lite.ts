/**
 * The parts of Apache ECharts the dashboard draws with (line and bar charts, grid, tooltip, legend, aria, SVG),
 * imported statically here so that the bundler keeps only them; the dashboard imports this module dynamically,
 * so no other page downloads it.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export { echarts };
