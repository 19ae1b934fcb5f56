-- Monthly partitions of "events", created on demand (idempotent, safe under concurrency).
CREATE OR REPLACE FUNCTION linli_ensure_event_partition(month_start date) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', month_start)::date;
  part text := 'events_' || to_char(m, 'YYYY_MM');
BEGIN
  IF to_regclass(part) IS NULL THEN
    BEGIN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
        part, (m::timestamp AT TIME ZONE 'UTC'), ((m + interval '1 month')::timestamp AT TIME ZONE 'UTC'));
    EXCEPTION WHEN duplicate_table THEN
      NULL; -- another session created it first
    END;
  END IF;
  RETURN part;
END;
$$;
--> statement-breakpoint
-- Fresh-grocery category tree (two levels). Codes are stable keys for imports and the API.
INSERT INTO categories (code, parent_code, name_zh, name_en, sort_order) VALUES
  ('vegetables', NULL, '蔬菜', 'Vegetables', 10),
  ('vegetables.leafy', 'vegetables', '叶菜', 'Leafy greens', 11),
  ('vegetables.root', 'vegetables', '根茎', 'Roots and tubers', 12),
  ('vegetables.mushroom', 'vegetables', '菌菇', 'Mushrooms', 13),
  ('vegetables.melon', 'vegetables', '瓜果类蔬菜', 'Fruiting vegetables', 14),
  ('fruit', NULL, '水果', 'Fruit', 20),
  ('fruit.citrus', 'fruit', '柑橘', 'Citrus', 21),
  ('fruit.berry', 'fruit', '浆果', 'Berries', 22),
  ('fruit.tropical', 'fruit', '热带水果', 'Tropical fruit', 23),
  ('fruit.pome', 'fruit', '苹果梨', 'Apples and pears', 24),
  ('meat_eggs', NULL, '肉禽蛋', 'Meat, poultry and eggs', 30),
  ('meat_eggs.pork', 'meat_eggs', '猪肉', 'Pork', 31),
  ('meat_eggs.beef_lamb', 'meat_eggs', '牛羊肉', 'Beef and lamb', 32),
  ('meat_eggs.poultry', 'meat_eggs', '禽肉', 'Poultry', 33),
  ('meat_eggs.eggs', 'meat_eggs', '蛋类', 'Eggs', 34),
  ('seafood', NULL, '水产', 'Seafood', 40),
  ('seafood.fish', 'seafood', '鱼类', 'Fish', 41),
  ('seafood.shrimp_crab', 'seafood', '虾蟹', 'Shrimp and crab', 42),
  ('dairy_bakery', NULL, '乳品烘焙', 'Dairy and bakery', 50),
  ('dairy_bakery.milk', 'dairy_bakery', '牛奶酸奶', 'Milk and yoghurt', 51),
  ('dairy_bakery.bread', 'dairy_bakery', '面包糕点', 'Bread and pastry', 52),
  ('grain_oil', NULL, '粮油', 'Grain and oil', 60),
  ('grain_oil.rice_flour', 'grain_oil', '米面', 'Rice and flour', 61),
  ('grain_oil.oil', 'grain_oil', '食用油', 'Cooking oil', 62),
  ('grain_oil.condiments', 'grain_oil', '调味品', 'Condiments', 63),
  ('organic', NULL, '有机', 'Organic', 70),
  ('organic.vegetables', 'organic', '有机蔬菜', 'Organic vegetables', 71),
  ('organic.fruit', 'organic', '有机水果', 'Organic fruit', 72),
  ('snacks', NULL, '网红零食', 'Trending snacks', 80),
  ('snacks.sweets', 'snacks', '糖果甜点', 'Sweets', 81),
  ('snacks.nuts', 'snacks', '坚果炒货', 'Nuts and seeds', 82),
  ('drinks', NULL, '酒水饮料', 'Drinks', 90),
  ('frozen', NULL, '冷冻速食', 'Frozen and ready meals', 100),
  ('household', NULL, '日用百货', 'Household', 110),
  ('other', NULL, '其他', 'Other', 999)
ON CONFLICT (code) DO NOTHING;
