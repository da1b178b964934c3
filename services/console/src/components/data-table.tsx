import { Table, type TableProps } from 'antd';

/**
 * An Ant Design table in a region that scrolls sideways on its own when the table is wider than
 * the screen (the page never does), and that the keyboard can reach to scroll it.
 */
export function DataTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <Table<T> {...props} />
    </div>
  );
}
