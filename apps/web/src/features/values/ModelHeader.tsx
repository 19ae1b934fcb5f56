import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * The title card of the model pages (personas, value quadrant, CLV validation): what the page
 * is on the left, the model's state and actions on the right (wrapping under on narrow screens),
 * and any settings below.
 */
export function ModelHeader({
  title,
  subtitle,
  extra,
  children,
}: {
  title: string;
  subtitle: string;
  /** beside the title, e.g. when the model was fitted and a refit button */
  extra?: ReactNode;
  /** under the title row, e.g. the model's settings */
  children?: ReactNode;
}) {
  return (
    <Card size="small">
      <Flex wrap gap={16} align="center" justify="space-between">
        <Flex vertical gap={4}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Text type="secondary">{subtitle}</Typography.Text>
        </Flex>
        {extra}
      </Flex>
      {children}
    </Card>
  );
}
