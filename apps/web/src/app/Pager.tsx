import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';

/** Previous / next over cursor pages (exact totals would cost a count over millions of rows). */
export function Pager({
  page,
  hasNext,
  onPrev,
  onNext,
  loading,
}: {
  page: number;
  hasNext: boolean;
  onPrev(): void;
  onNext(): void;
  loading?: boolean;
}) {
  return (
    <Flex justify="flex-end" align="center" gap={8} style={{ marginTop: 12 }}>
      <Button
        size="small"
        icon={<LeftOutlined />}
        disabled={page === 0 || loading}
        onClick={onPrev}
        aria-label="previous page"
      />
      <Typography.Text data-testid="page-number">{page + 1}</Typography.Text>
      <Button
        size="small"
        icon={<RightOutlined />}
        disabled={!hasNext || loading}
        onClick={onNext}
        aria-label="next page"
      />
    </Flex>
  );
}
